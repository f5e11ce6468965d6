package org.rpa.server.security;

import java.util.Objects;

/**
 * Checks the bearer token and the permission of a protected route. Any token failure (missing,
 * malformed, expired, tampered, another algorithm, {@code alg: none}) is the same {@link
 * NotAuthenticatedException}, so a caller learns nothing about why.
 *
 * <p>Thread-safe.
 */
public final class AuthFilter {
  private final JwtTokens tokens;

  public AuthFilter(JwtTokens tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
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

  private Principal authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new NotAuthenticatedException();
    }
    return tokens
        .verify(authorization.substring(7).trim())
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
