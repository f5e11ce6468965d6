package org.rpa.server.http;

import io.javalin.http.Context;
import java.util.List;

/**
 * Refuses requests that ask to be treated as another method. Javalin's {@code Context.method()}
 * returns the method named in {@code X-HTTP-Method-Override} instead of the one on the wire, and
 * routes by it, with no setting to turn that off: a {@code GET} carrying {@code
 * X-HTTP-Method-Override: DELETE} would run the {@code DELETE} route, past any proxy or log that
 * trusts the method it saw. So a request carrying that header, or its common variants, is a 400
 * before routing, on the orchestrator and on the worker service alike.
 */
public final class MethodOverrides {
  /** The headers refused, whatever their value. */
  public static final List<String> HEADERS =
      List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

  private MethodOverrides() {}

  /**
   * A before-handler.
   *
   * @throws ApiException 400 when the request carries one of {@link #HEADERS}
   */
  public static void refuse(Context ctx) {
    for (String header : HEADERS) {
      if (ctx.header(header) != null) {
        throw ApiException.validation(
            header + " is not accepted: send the request with the method it means");
      }
    }
  }
}
