package org.rpa.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Objects;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.rpa.server.Timestamps;

/**
 * Errors Jetty answers before Javalin sees the request (an ambiguous or malformed URI, a bad
 * header) in the same {@code {detail, error_type, timestamp}} shape, instead of Jetty's HTML page,
 * with the {@link SecurityHeaders} every answer carries.
 */
public final class JettyErrorHandler extends ErrorHandler {
  private final Clock clock;
  private final boolean tls;

  public JettyErrorHandler(Clock clock) {
    this(clock, false);
  }

  /** With {@code tls}, its answers carry HSTS as the application's do. */
  public JettyErrorHandler(Clock clock, boolean tls) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tls = tls;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    ErrorMapper.ErrorBody body =
        new ErrorMapper.ErrorBody(
            code == 400 ? "Bad request" : "HTTP error " + code,
            code == 400 ? "ValidationError" : "HttpError",
            Timestamps.format(clock.instant()));
    byte[] bytes = StrictJson.MAPPER.writeValueAsBytes(body);
    response.getHeaders().put("Content-Type", "application/json");
    SecurityHeaders.common(response.getHeaders()::put);
    if (tls) {
      response.getHeaders().put("Strict-Transport-Security", SecurityHeaders.HSTS);
    }
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
