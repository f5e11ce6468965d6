package org.rpa.server.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One row of the route table: what Javalin serves and what {@code /openapi.json} says about it,
 * from the same value, so the two cannot drift.
 *
 * @param permission the {@code resource:action} a caller's role must allow, or null for a public
 *     route
 * @param requestBody the body type, or null when the route takes none
 * @param requestContentType the body's media type, or null
 * @param responseBody the body type of the success response
 * @param queryParameters the query parameters the route accepts
 * @param errorStatuses the error statuses the route answers beside those every route of its kind
 *     answers (400 and 429; 401 and 403 when secured; 404 with a path parameter; 413 and 415 with a
 *     body)
 */
public record ApiRoute(
    HandlerType method,
    String path,
    String tag,
    String summary,
    String permission,
    Class<?> requestBody,
    String requestContentType,
    int successStatus,
    Class<?> responseBody,
    List<String> queryParameters,
    List<Integer> errorStatuses,
    Handler handler) {
  public ApiRoute {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(responseBody, "responseBody");
    queryParameters = List.copyOf(queryParameters);
    errorStatuses = List.copyOf(errorStatuses);
    Objects.requireNonNull(handler, "handler");
  }

  /**
   * A GET route answering 200 with {@code response}, public, taking no body and no query
   * parameters; the modifiers below change each of these.
   */
  static ApiRoute route(
      String path, String tag, String summary, Class<?> response, Handler handler) {
    return new ApiRoute(
        HandlerType.GET,
        path,
        tag,
        summary,
        null,
        null,
        null,
        200,
        response,
        List.of(),
        List.of(),
        handler);
  }

  ApiRoute secured(String permission) {
    Objects.requireNonNull(permission, "permission");
    return edit(route -> route.permission = permission);
  }

  /** A POST route answering {@code status} on success. */
  ApiRoute post(int status) {
    return edit(
        route -> {
          route.method = HandlerType.POST;
          route.successStatus = status;
        });
  }

  ApiRoute method(HandlerType type) {
    return edit(route -> route.method = type);
  }

  ApiRoute withPath(String otherPath) {
    return edit(route -> route.path = otherPath);
  }

  ApiRoute body(Class<?> type, String contentType) {
    return edit(
        route -> {
          route.requestBody = type;
          route.requestContentType = contentType;
        });
  }

  ApiRoute query(String... names) {
    return edit(route -> route.queryParameters = List.of(names));
  }

  /** The route also answers these error statuses (a conflict, an unknown worker token, …). */
  ApiRoute errors(Integer... statuses) {
    return edit(route -> route.errorStatuses = List.of(statuses));
  }

  /** A copy of this route with what {@code change} sets changed. */
  private ApiRoute edit(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** A route's fields while one modifier changes some of them. */
  private static final class Draft {
    HandlerType method;
    String path;
    final String tag;
    final String summary;
    String permission;
    Class<?> requestBody;
    String requestContentType;
    int successStatus;
    final Class<?> responseBody;
    List<String> queryParameters;
    List<Integer> errorStatuses;
    final Handler handler;

    Draft(ApiRoute route) {
      method = route.method;
      path = route.path;
      tag = route.tag;
      summary = route.summary;
      permission = route.permission;
      requestBody = route.requestBody;
      requestContentType = route.requestContentType;
      successStatus = route.successStatus;
      responseBody = route.responseBody;
      queryParameters = route.queryParameters;
      errorStatuses = route.errorStatuses;
      handler = route.handler;
    }

    ApiRoute build() {
      return new ApiRoute(
          method,
          path,
          tag,
          summary,
          permission,
          requestBody,
          requestContentType,
          successStatus,
          responseBody,
          queryParameters,
          errorStatuses,
          handler);
    }
  }
}
