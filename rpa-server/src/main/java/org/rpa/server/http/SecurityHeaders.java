package org.rpa.server.http;

import io.javalin.http.Context;
import java.util.function.BiConsumer;

/**
 * The security headers of every answer, set before routing so errors carry them too: {@code
 * X-Content-Type-Options: nosniff} and {@code Referrer-Policy: no-referrer} everywhere, {@code
 * Strict-Transport-Security} when the server speaks TLS, {@code Cache-Control: no-store} with
 * {@code Pragma: no-cache} on token and authenticated answers (RFC 6749 §5.1), and a
 * Content-Security-Policy with {@code X-Frame-Options: DENY} on the HTML pages.
 */
public final class SecurityHeaders {
  /** One year; a browser that saw it once will not try plain HTTP for this host. */
  static final String HSTS = "max-age=31536000";

  /**
   * For {@code /docs} (Swagger UI) and {@code /redoc}: script only from this origin (the webjars
   * and our start script; no inline script), fetches only to this origin, no framing. Both UIs set
   * style attributes and ReDoc injects style elements at run time, so styles allow 'unsafe-inline';
   * ReDoc's search runs in a worker made from a blob: URL.
   */
  static final String PAGE_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
          + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
          + "worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private SecurityHeaders() {}

  /** nosniff and the referrer policy, through any header setter (Javalin's or Jetty's). */
  public static void common(BiConsumer<String, String> header) {
    header.accept("X-Content-Type-Options", "nosniff");
    header.accept("Referrer-Policy", "no-referrer");
  }

  /** A before-handler for every answer; {@code tls} adds HSTS. */
  public static void common(Context ctx, boolean tls) {
    common(ctx::header);
    if (tls) {
      ctx.header("Strict-Transport-Security", HSTS);
    }
  }

  /** An answer that holds a credential or a caller's data: no cache may keep it. */
  static void noStore(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Pragma", "no-cache");
  }

  /** An HTML page of ours: the policy above, and no framing for browsers without CSP 2. */
  static void page(Context ctx) {
    ctx.header("Content-Security-Policy", PAGE_POLICY);
    ctx.header("X-Frame-Options", "DENY");
  }
}
