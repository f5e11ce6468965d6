package org.rpa.server.security;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Objects;

/**
 * CORS from an exact list of origins. An origin is echoed back only when it is on the list; with
 * credentials the list may not hold {@code *} (refused at start), so an arbitrary origin is never
 * reflected. A preflight from an origin not on the list gets 403 and no CORS headers.
 *
 * <p>Thread-safe.
 */
public final class Cors {
  static final String METHODS = "GET, POST, PATCH, DELETE, OPTIONS";
  static final String HEADERS = "Authorization, Content-Type, Idempotency-Key";

  private final List<String> origins;
  private final boolean credentials;

  public Cors(List<String> origins, boolean credentials) {
    this.origins = List.copyOf(origins);
    this.credentials = credentials;
    if (credentials && this.origins.contains("*")) {
      throw new IllegalArgumentException(
          "CORS_ORIGINS must list exact origins when CORS_ALLOW_CREDENTIALS is true, but was *");
    }
  }

  /**
   * Adds the CORS headers to {@code context}; answers a preflight itself.
   *
   * @return true when the request was a preflight and is answered
   */
  public boolean apply(Context context) {
    String origin = context.header("Origin");
    boolean preflight =
        context.method() == HandlerType.OPTIONS
            && context.header("Access-Control-Request-Method") != null;
    if (origin == null) {
      return false;
    }
    boolean allowed = allows(origin);
    if (allowed) {
      context.header("Access-Control-Allow-Origin", origins.contains(origin) ? origin : "*");
      context.header("Vary", "Origin");
      if (credentials) {
        context.header("Access-Control-Allow-Credentials", "true");
      }
    }
    if (!preflight) {
      return false;
    }
    if (allowed) {
      context.header("Access-Control-Allow-Methods", METHODS);
      context.header("Access-Control-Allow-Headers", HEADERS);
      context.header("Access-Control-Max-Age", "600");
      context.status(HttpStatus.NO_CONTENT);
    } else {
      context.status(HttpStatus.FORBIDDEN);
    }
    return true;
  }

  private boolean allows(String origin) {
    Objects.requireNonNull(origin, "origin");
    return origins.contains(origin) || (!credentials && origins.contains("*"));
  }
}
