package org.rpa.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.Objects;

/**
 * Builds the Javalin application: JSON mapping and every area's routes, all inside {@code
 * Javalin.create(cfg -> …)}. The caller starts and stops it.
 */
public final class HttpApp {
  private HttpApp() {}

  /** A configured, not yet started, application whose routes read time from {@code clock}. */
  public static Javalin create(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    ObjectMapper mapper = new ObjectMapper();
    return Javalin.create(
        config -> {
          config.startup.showJavalinBanner = false;
          config.jsonMapper(new JavalinJackson(mapper, false));
          new HealthRoutes(clock).register(config.routes);
        });
  }
}
