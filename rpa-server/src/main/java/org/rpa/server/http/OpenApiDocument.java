package org.rpa.server.http;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the OpenAPI 3 document from the route table: every {@link ApiRoute} is one operation, with
 * its request and response schemas read from the record types, its permission and the error body.
 */
final class OpenApiDocument {
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
  private static final Map<Integer, String> ERRORS =
      Map.of(
          401, "Could not validate credentials",
          403, "Not allowed",
          404, "Not found",
          409, "Conflict with the job's state",
          422, "Conflicts with an earlier request");

  private OpenApiDocument() {}

  static OpenAPI build(List<ApiRoute> routes, String version) {
    Schemas schemas = new Schemas();
    Schema<?> error = schemas.of(ErrorMapper.ErrorBody.class);
    OpenAPI api =
        new OpenAPI()
            .info(
                new Info()
                    .title("rpa orchestrator")
                    .version(version)
                    .description("Generated from the server's route table."))
            .paths(new Paths());
    for (ApiRoute route : routes) {
      ApiRoute.Operation listed = route.operation();
      PathItem item = api.getPaths().computeIfAbsent(listed.path(), p -> new PathItem());
      item.operation(
          PathItem.HttpMethod.valueOf(listed.method().name()), operation(route, schemas, error));
    }
    api.components(
        new Components()
            .schemas(schemas.named())
            .addSecuritySchemes(
                "bearer",
                new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP)
                    .scheme("bearer")
                    .bearerFormat("JWT")));
    return api;
  }

  private static Operation operation(ApiRoute route, Schemas schemas, Schema<?> error) {
    ApiRoute.Operation listed = route.operation();
    ApiRoute.Request request = route.request();
    ApiRoute.Responses answers = route.responses();
    Operation operation =
        new Operation()
            .summary(listed.summary())
            .addTagsItem(listed.tag())
            .operationId(
                listed.method().name().toLowerCase(Locale.ROOT)
                    + listed.path().replaceAll("[^A-Za-z0-9]+", "_"));
    Matcher matcher = PATH_PARAMETER.matcher(listed.path());
    while (matcher.find()) {
      operation.addParametersItem(
          new Parameter()
              .in("path")
              .name(matcher.group(1))
              .required(true)
              .schema(matcher.group(1).equals("id") ? integer() : new StringSchema()));
    }
    for (String name : request.queryParameters()) {
      operation.addParametersItem(
          new Parameter().in("query").name(name).schema(new StringSchema()));
    }
    if (request.body() != null) {
      operation.requestBody(
          new RequestBody()
              .required(true)
              .content(
                  new Content()
                      .addMediaType(
                          request.contentType(),
                          new MediaType().schema(schemas.of(request.body())))));
    }
    ApiResponses responses = new ApiResponses();
    String successType =
        answers.body() == String.class
            ? "text/plain"
            : answers.body() == byte[].class ? "image/png" : "application/json";
    responses.addApiResponse(
        String.valueOf(answers.successStatus()),
        new ApiResponse()
            .description("Success")
            .content(
                new Content()
                    .addMediaType(
                        successType, new MediaType().schema(schemas.of(answers.body())))));
    Content errorContent =
        new Content().addMediaType("application/json", new MediaType().schema(error));
    responses.addApiResponse(
        "400", new ApiResponse().description("Invalid request").content(errorContent));
    if (listed.permission() != null) {
      operation.addSecurityItem(new SecurityRequirement().addList("bearer"));
      operation.description("Requires permission `" + listed.permission() + "`.");
      responses.addApiResponse(
          "401",
          new ApiResponse().description("Could not validate credentials").content(errorContent));
      responses.addApiResponse(
          "403", new ApiResponse().description("Not enough permissions").content(errorContent));
    }
    if (listed.path().contains("{")) {
      responses.addApiResponse(
          "404", new ApiResponse().description("Not found").content(errorContent));
    }
    if (request.body() != null) {
      responses.addApiResponse(
          "413", new ApiResponse().description("Body too large").content(errorContent));
      responses.addApiResponse(
          "415", new ApiResponse().description("Unsupported media type").content(errorContent));
    }
    for (int status : answers.errorStatuses()) {
      responses.addApiResponse(
          String.valueOf(status),
          new ApiResponse().description(ERRORS.get(status)).content(errorContent));
    }
    if (!listed.path().equals(CallbackRoutes.PATH)) {
      // every route but the workers' result reports counts against its caller's rate limit
      responses.addApiResponse(
          "429", new ApiResponse().description("Rate limited").content(errorContent));
    }
    return operation.responses(responses);
  }

  static Schema<?> integer() {
    return new io.swagger.v3.oas.models.media.IntegerSchema().format("int64");
  }

  static Schema<?> array(Schema<?> items) {
    return new ArraySchema().items(items);
  }

  static Schema<?> object() {
    return new ObjectSchema();
  }
}
