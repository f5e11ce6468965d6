package org.rpa.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.StoreException;
import org.rpa.core.job.IdempotencyConflictException;
import org.rpa.core.job.IllegalJobTransitionException;
import org.rpa.core.job.JobNotEditableException;
import org.rpa.core.job.JobNotFoundException;
import org.rpa.core.resilience.UnknownBreakerException;
import org.rpa.core.supervise.UnknownLoopException;
import org.rpa.server.Timestamps;
import org.rpa.server.monitoring.PrometheusUnavailableException;
import org.rpa.server.privacy.InvalidDataRequestException;
import org.rpa.server.security.AuthFilter;
import org.rpa.server.ws.StreamRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become responses: {@code {detail, error_type, timestamp}} with the
 * documented status, and never a stack trace. Unexpected exceptions are logged here, once, and
 * answered with a generic 500. The worker service registers it too, so both answer alike.
 *
 * <p>Thread-safe.
 */
public final class ErrorMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
  private static final Map<Integer, String> TYPES =
      Map.of(
          400, "ValidationError",
          401, "AuthenticationError",
          403, "PermissionError",
          404, "NotFoundError",
          405, "MethodNotAllowedError",
          409, "ConflictError",
          413, "PayloadTooLargeError",
          415, "UnsupportedMediaTypeError",
          429, "RateLimitError",
          503, "ServiceUnavailableError");

  /** The error body. */
  public record ErrorBody(String detail, String errorType, String timestamp) {}

  private final Clock clock;

  public ErrorMapper(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public void register(RoutesConfig routes) {
    routes.exception(
        ApiException.class,
        (e, ctx) -> {
          e.headers().forEach(ctx::header);
          render(ctx, e.status(), e.errorType(), e.getMessage());
        });
    routes.exception(
        AuthFilter.NotAuthenticatedException.class,
        (e, ctx) -> {
          ctx.header("WWW-Authenticate", "Bearer");
          render(ctx, 401, e.getMessage());
        });
    routes.exception(
        AuthFilter.PermissionDeniedException.class, (e, ctx) -> render(ctx, 403, e.getMessage()));
    routes.exception(InvalidRequestException.class, (e, ctx) -> render(ctx, 400, e.getMessage()));
    routes.exception(
        StreamRefusedException.class, (e, ctx) -> render(ctx, e.status(), e.getMessage()));
    routes.exception(
        InvalidDataRequestException.class, (e, ctx) -> render(ctx, 400, e.getMessage()));
    routes.exception(JobNotFoundException.class, (e, ctx) -> render(ctx, 404, e.getMessage()));
    routes.exception(UnknownLoopException.class, (e, ctx) -> render(ctx, 404, e.getMessage()));
    routes.exception(UnknownBreakerException.class, (e, ctx) -> render(ctx, 404, e.getMessage()));
    routes.exception(
        IdempotencyConflictException.class,
        (e, ctx) -> render(ctx, 422, "IdempotencyConflictError", e.getMessage()));
    routes.exception(
        IllegalJobTransitionException.class, (e, ctx) -> render(ctx, 409, e.getMessage()));
    routes.exception(JobNotEditableException.class, (e, ctx) -> render(ctx, 409, e.getMessage()));
    routes.exception(
        StoreException.class,
        (e, ctx) -> {
          LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
          render(ctx, 503, "The job store is unavailable; try again shortly");
        });
    routes.exception(
        PrometheusUnavailableException.class, (e, ctx) -> render(ctx, 503, e.getMessage()));
    routes.exception(
        HttpResponseException.class, (e, ctx) -> render(ctx, e.getStatus(), e.getMessage()));
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          render(ctx, 500, "InternalServerError", "Internal server error");
        });
  }

  private void render(Context ctx, int status, String detail) {
    render(ctx, status, TYPES.getOrDefault(status, "HttpError"), detail);
  }

  /**
   * Answers {@code ctx} with {@code status} and the error body, written by this API's own JSON
   * mapper whatever mapper the application was configured with.
   */
  public void render(Context ctx, int status, String errorType, String detail) {
    ErrorBody body = new ErrorBody(detail, errorType, Timestamps.format(clock.instant()));
    byte[] bytes;
    try {
      bytes = StrictJson.MAPPER.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ctx.status(status).contentType("application/json");
    if (ctx.header("Sec-WebSocket-Version") == null) {
      ctx.result(bytes);
      return;
    }
    // Javalin never writes the result of a refused WebSocket upgrade: write the body here.
    try {
      ctx.res().setContentLength(bytes.length);
      ctx.res().getOutputStream().write(bytes);
      ctx.res().flushBuffer();
    } catch (java.io.IOException e) {
      LOG.debug("Answering a refused upgrade failed", e);
    }
  }
}
