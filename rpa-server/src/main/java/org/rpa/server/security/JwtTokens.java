package org.rpa.server.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and verifies HMAC-signed JWTs. Verification pins the configured algorithm (a token signed
 * with another, or with {@code alg: none}, fails), and requires the signature, the issuer, a
 * subject, a role, an {@code exp} and an {@code iat} claim, which java-jwt would otherwise not
 * require. A token is refused once it is older than the configured lifetime by its {@code iat},
 * whatever its {@code exp} says, and when its {@code iat} lies more than {@value
 * #ISSUED_AT_SKEW_SECONDS} seconds in the future. Time comes from the injected clock.
 *
 * <p>Thread-safe.
 */
public final class JwtTokens {
  /** How far in the future an {@code iat} may lie, for servers whose clocks differ a little. */
  public static final long ISSUED_AT_SKEW_SECONDS = 30;

  /** How many verified tokens are remembered at most. */
  static final int MAX_VERIFIED = 1_024;

  private final Algorithm algorithm;
  private final String issuer;
  private final Duration lifetime;
  private final Clock clock;
  private final JWTVerifier verifier;

  /**
   * Tokens that verified, with their credentials: a client sends the same token with each request,
   * and checking its HMAC and decoding its claims again took a tenth of a create's CPU time. Only
   * tokens that verified are kept (a forged or altered token is another string, and is checked),
   * and each use still checks that its credentials have not lapsed. Bounded: emptied when full.
   */
  private final ConcurrentHashMap<String, Credentials> verified = new ConcurrentHashMap<>();

  /**
   * @param algorithmName HS256, HS384 or HS512
   * @throws IllegalArgumentException for another algorithm name
   */
  public JwtTokens(
      String algorithmName, String secret, String issuer, Duration lifetime, Clock clock) {
    byte[] key = Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8);
    this.algorithm =
        switch (algorithmName) {
          case "HS256" -> Algorithm.HMAC256(key);
          case "HS384" -> Algorithm.HMAC384(key);
          case "HS512" -> Algorithm.HMAC512(key);
          default ->
              throw new IllegalArgumentException(
                  "JWT_ALGORITHM must be one of HS256, HS384, HS512, but was " + algorithmName);
        };
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    this.clock = Objects.requireNonNull(clock, "clock");
    // build(Clock) lives on the implementation only; the interface has build() on the system clock.
    var verification =
        JWT.require(algorithm)
            .withIssuer(issuer)
            .withClaimPresence("exp")
            .withClaimPresence("sub")
            .withClaimPresence("role")
            .withClaimPresence("iat")
            .acceptLeeway(0)
            .acceptIssuedAt(ISSUED_AT_SKEW_SECONDS);
    this.verifier = ((JWTVerifier.BaseVerification) verification).build(clock);
  }

  /** A signed token for {@code principal}, valid for the configured lifetime. */
  public String issue(Principal principal) {
    Instant now = clock.instant();
    return JWT.create()
        .withIssuer(issuer)
        .withSubject(principal.username())
        .withClaim("role", principal.role().label())
        .withIssuedAt(now)
        .withExpiresAt(now.plus(lifetime))
        .sign(algorithm);
  }

  /** Seconds a fresh token stays valid. */
  public long lifetimeSeconds() {
    return lifetime.toSeconds();
  }

  /** The principal of a valid token; empty for any failure, whatever its cause. */
  public Optional<Principal> verify(String token) {
    return credentials(token).map(Credentials::principal);
  }

  /**
   * The principal of a valid token and until when it stays valid; empty for any failure, whatever
   * its cause.
   */
  public Optional<Credentials> credentials(String token) {
    Credentials known = verified.get(token);
    if (known != null) {
      if (!known.validUntil().isBefore(clock.instant())) {
        return Optional.of(known);
      }
      verified.remove(token);
      return Optional.empty();
    }
    Optional<Credentials> fresh = verifyNow(token);
    fresh.ifPresent(
        credentials -> {
          if (verified.size() >= MAX_VERIFIED) {
            verified.clear();
          }
          verified.put(token, credentials);
        });
    return fresh;
  }

  private Optional<Credentials> verifyNow(String token) {
    try {
      DecodedJWT jwt = verifier.verify(token);
      Instant lapses = jwt.getIssuedAtAsInstant().plus(lifetime);
      if (lapses.isBefore(clock.instant())) {
        return Optional.empty();
      }
      Role role = Role.valueOf(jwt.getClaim("role").asString().toUpperCase(java.util.Locale.ROOT));
      Instant expires = jwt.getExpiresAtAsInstant();
      return Optional.of(
          new Credentials(
              new Principal(jwt.getSubject(), role), expires.isBefore(lapses) ? expires : lapses));
    } catch (JWTVerificationException | IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
