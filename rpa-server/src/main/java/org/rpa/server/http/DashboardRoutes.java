package org.rpa.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The operations dashboard: {@code GET /dashboard}, one HTML page, and its ES modules and style
 * sheet under {@code /dashboard/assets/}, all read from the jar. The page logs in through {@code
 * POST /token} and reads the same API a script would; it adds no endpoint of its own. Its
 * Content-Security-Policy allows script, style, images and connections only from this origin (the
 * screenshots it shows are {@code blob:} URLs it makes from answers of this origin), no inline
 * script or style, and no framing.
 *
 * <p>Thread-safe: the page is read once.
 */
public final class DashboardRoutes {
  static final String PATH = "/dashboard";
  static final String ASSETS = "/dashboard/assets";
  private static final String RESOURCES = "/org/rpa/server/dashboard";

  /** The dashboard's policy: its own origin only; no inline script or style. */
  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
          + "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
          + "form-action 'none'";

  private static final Map<String, String> ASSET_HEADERS =
      Map.of(
          "Content-Security-Policy",
          POLICY,
          "X-Frame-Options",
          "DENY",
          // Revalidated on each load (the ETag answers 304): a new jar's assets are seen at once.
          "Cache-Control",
          "no-cache");

  private final String page;

  public DashboardRoutes() {
    this.page = read(RESOURCES + "/index.html");
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
            PATH,
            "dashboard",
            "The operations dashboard (an HTML page; it logs in with POST /token)",
            String.class,
            this::page));
  }

  /** Serves the assets from the jar under {@link #ASSETS}, with the dashboard's policy. */
  static void assets(JavalinConfig config) {
    config.staticFiles.add(
        files -> {
          files.hostedPath = ASSETS;
          files.directory = RESOURCES + "/assets";
          files.location = Location.CLASSPATH;
          files.headers = ASSET_HEADERS;
        });
  }

  private void page(Context ctx) {
    ASSET_HEADERS.forEach(ctx::header);
    ctx.html(page);
  }

  private static String read(String resource) {
    try (InputStream in =
        Objects.requireNonNull(
            DashboardRoutes.class.getResourceAsStream(resource), "missing " + resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
