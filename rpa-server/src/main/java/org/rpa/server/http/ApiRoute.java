package org.rpa.server.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Objects;

/**
 * One row of the route table: what Javalin serves and what {@code /openapi.json} says about it,
 * from the same value, so the two cannot drift. Its parts are grouped as an OpenAPI operation
 * groups them, and a modifier below replaces only the values it names.
 *
 * @param operation where the route is served, how it is listed and who may call it
 * @param request what the route takes
 * @param responses what the route answers
 * @param handler what serves it
 */
public record ApiRoute(Operation operation, Request request, Responses responses, Handler handler) {
  public ApiRoute {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(responses, "responses");
    Objects.requireNonNull(handler, "handler");
  }

  /**
   * Where a route is served, how it is listed and who may call it.
   *
   * @param permission the {@code resource:action} a caller's role must allow, or null for a public
   *     route
   */
  public record Operation(
      HandlerType method, String path, String tag, String summary, String permission) {
    public Operation {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(summary, "summary");
    }

    Operation withMethod(HandlerType other) {
      return new Operation(other, path, tag, summary, permission);
    }

    Operation withPath(String other) {
      return new Operation(method, other, tag, summary, permission);
    }

    Operation withPermission(String other) {
      return new Operation(method, path, tag, summary, other);
    }
  }

  /**
   * What a route takes.
   *
   * @param body the body type, or null when the route takes none
   * @param contentType the body's media type, or null
   * @param queryParameters the query parameters the route accepts
   */
  public record Request(Class<?> body, String contentType, List<String> queryParameters) {
    static final Request NONE = new Request(null, null, List.of());

    public Request {
      queryParameters = List.copyOf(queryParameters);
    }

    Request withBody(Class<?> type, String mediaType) {
      return new Request(type, mediaType, queryParameters);
    }

    Request withQuery(List<String> names) {
      return new Request(body, contentType, names);
    }
  }

  /**
   * What a route answers.
   *
   * @param successStatus the status of the success response
   * @param body the body type of the success response
   * @param errorStatuses the error statuses the route answers beside those every route of its kind
   *     answers (400, and 429 but for the workers' result reports; 401 and 403 when secured; 404
   *     with a path parameter; 413 and 415 with a body)
   */
  public record Responses(int successStatus, Class<?> body, List<Integer> errorStatuses) {
    public Responses {
      Objects.requireNonNull(body, "body");
      errorStatuses = List.copyOf(errorStatuses);
    }

    Responses withSuccessStatus(int status) {
      return new Responses(status, body, errorStatuses);
    }

    Responses withErrorStatuses(List<Integer> statuses) {
      return new Responses(successStatus, body, statuses);
    }
  }

  /**
   * A GET route answering 200 with {@code response}, public, taking no body and no query
   * parameters; the modifiers below change each of these.
   */
  static ApiRoute route(
      String path, String tag, String summary, Class<?> response, Handler handler) {
    return new ApiRoute(
        new Operation(HandlerType.GET, path, tag, summary, null),
        Request.NONE,
        new Responses(200, response, List.of()),
        handler);
  }

  ApiRoute secured(String permission) {
    Objects.requireNonNull(permission, "permission");
    return with(operation.withPermission(permission));
  }

  /** A POST route answering {@code status} on success. */
  ApiRoute post(int status) {
    return method(HandlerType.POST).with(responses.withSuccessStatus(status));
  }

  ApiRoute method(HandlerType type) {
    return with(operation.withMethod(type));
  }

  ApiRoute withPath(String otherPath) {
    return with(operation.withPath(otherPath));
  }

  ApiRoute body(Class<?> type, String contentType) {
    return with(request.withBody(type, contentType));
  }

  ApiRoute query(String... names) {
    return with(request.withQuery(List.of(names)));
  }

  /** The route also answers these error statuses (a conflict, an unknown worker token, …). */
  ApiRoute errors(Integer... statuses) {
    return with(responses.withErrorStatuses(List.of(statuses)));
  }

  private ApiRoute with(Operation changed) {
    return new ApiRoute(changed, request, responses, handler);
  }

  private ApiRoute with(Request changed) {
    return new ApiRoute(operation, changed, responses, handler);
  }

  private ApiRoute with(Responses changed) {
    return new ApiRoute(operation, request, changed, handler);
  }
}
