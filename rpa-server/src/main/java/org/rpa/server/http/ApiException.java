package org.rpa.server.http;

import java.util.Map;
import java.util.Objects;

/**
 * An HTTP error raised by a route or filter, rendered by {@link ErrorMapper} as {@code {detail,
 * error_type, timestamp}} with {@link #status()} and any extra response headers.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String errorType;
  private final Map<String, String> headers;

  public ApiException(int status, String errorType, String detail) {
    this(status, errorType, detail, Map.of());
  }

  public ApiException(int status, String errorType, String detail, Map<String, String> headers) {
    super(Objects.requireNonNull(detail, "detail"), null, false, false);
    this.status = status;
    this.errorType = Objects.requireNonNull(errorType, "errorType");
    this.headers = Map.copyOf(headers);
  }

  static ApiException validation(String detail) {
    return new ApiException(400, "ValidationError", detail);
  }

  public int status() {
    return status;
  }

  public String errorType() {
    return errorType;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
