package org.rpa.server.security;

import java.util.Objects;
import java.util.Optional;

/**
 * Checks the bearer token and the permission of a protected route. A token must verify ({@link
 * JwtTokens}) and name, on every request, a user that is configured now with the role the token
 * states: a token outlives neither its user nor a change of that user's role. Any token failure
 * (missing, malformed, expired, tampered, another algorithm, {@code alg: none}, unknown user,
 * changed role) is the same {@link NotAuthenticatedException}, so a caller learns nothing about
 * why.
 *
 * <p>Thread-safe.
 */
public final class AuthFilter {
  private final JwtTokens tokens;
  private final Users users;

  public AuthFilter(JwtTokens tokens, Users users) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.users = Objects.requireNonNull(users, "users");
  }

  /**
   * The principal whose role allows {@code permission}.
   *
   * @param authorization the {@code Authorization} header, or null
   * @throws NotAuthenticatedException without a valid bearer token
   * @throws PermissionDeniedException when the role does not allow {@code permission}
   */
  public Principal require(String authorization, String permission) {
    Principal principal = authenticate(authorization);
    if (!principal.role().allows(permission)) {
      throw new PermissionDeniedException(permission);
    }
    return principal;
  }

  /**
   * The credentials of a token whose role allows {@code permission}: the principal and until when
   * the token is valid.
   *
   * @param authorization the {@code Authorization} header, or null
   * @throws NotAuthenticatedException without a valid bearer token
   * @throws PermissionDeniedException when the role does not allow {@code permission}
   */
  public Credentials requireCredentials(String authorization, String permission) {
    Credentials credentials = credentials(authorization);
    if (!credentials.principal().role().allows(permission)) {
      throw new PermissionDeniedException(permission);
    }
    return credentials;
  }

  /**
   * Whether {@code principal}'s user is still configured with the same role: a long-lived
   * connection checks it now and then, as every request checks it.
   */
  public boolean current(Principal principal) {
    return users.role(principal.username()).equals(Optional.of(principal.role()));
  }

  private Principal authenticate(String authorization) {
    return credentials(authorization).principal();
  }

  private Credentials credentials(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new NotAuthenticatedException();
    }
    return tokens
        .credentials(authorization.substring(7).trim())
        .filter(credentials -> current(credentials.principal()))
        .orElseThrow(NotAuthenticatedException::new);
  }

  /** No valid token: 401 {@code Could not validate credentials}. */
  public static final class NotAuthenticatedException extends RuntimeException {
    public static final String DETAIL = "Could not validate credentials";

    public NotAuthenticatedException() {
      super(DETAIL, null, false, false);
    }
  }

  /** A valid token whose role lacks the permission: 403. */
  public static final class PermissionDeniedException extends RuntimeException {
    public PermissionDeniedException(String permission) {
      super("Not enough permissions: this call requires " + permission, null, false, false);
    }
  }
}
