package org.rpa.server.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Objects;

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

  static ApiRoute get(String path, String tag, String summary, Class<?> response, Handler handler) {
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
    return new ApiRoute(
        method,
        path,
        tag,
        summary,
        Objects.requireNonNull(permission, "permission"),
        requestBody,
        requestContentType,
        successStatus,
        responseBody,
        queryParameters,
        errorStatuses,
        handler);
  }

  ApiRoute post(int status) {
    return new ApiRoute(
        HandlerType.POST,
        path,
        tag,
        summary,
        permission,
        requestBody,
        requestContentType,
        status,
        responseBody,
        queryParameters,
        errorStatuses,
        handler);
  }

  ApiRoute method(HandlerType type) {
    return new ApiRoute(
        type,
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

  ApiRoute withPath(String otherPath) {
    return new ApiRoute(
        method,
        otherPath,
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

  ApiRoute body(Class<?> type, String contentType) {
    return new ApiRoute(
        method,
        path,
        tag,
        summary,
        permission,
        type,
        contentType,
        successStatus,
        responseBody,
        queryParameters,
        errorStatuses,
        handler);
  }

  ApiRoute query(String... names) {
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
        List.of(names),
        errorStatuses,
        handler);
  }

  /** The route also answers these error statuses (a conflict, an unknown worker token, …). */
  ApiRoute errors(Integer... statuses) {
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
        List.of(statuses),
        handler);
  }
}
