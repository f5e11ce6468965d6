package org.rpa.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /openapi.json} (built from the route table), {@code /docs} (Swagger UI) and {@code /redoc}
 * (ReDoc), the last two from their webjars under a Content-Security-Policy that allows no inline
 * script (Swagger UI's start is {@code /docs/swagger-init.js}).
 *
 * <p>Thread-safe: the document is built once, on first use.
 */
public final class ApiDocsRoutes {
  private static final String SWAGGER = "/webjars/swagger-ui/5.34.1/";
  static final String SWAGGER_INIT = "/docs/swagger-init.js";
  private static final String REDOC = "/webjars/redoc/2.5.1/redoc.standalone.js";
  // Bookkeeping getters of swagger-models that are not part of the OpenAPI format.
  private static final Set<String> NOT_OPENAPI = Set.of("exampleSetFlag", "specVersion", "types");
  private static final ObjectMapper MAPPER =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private final Supplier<List<ApiRoute>> routes;
  private final String version;
  private volatile String document;

  public ApiDocsRoutes(Supplier<List<ApiRoute>> routes, String version) {
    this.routes = Objects.requireNonNull(routes, "routes");
    this.version = Objects.requireNonNull(version, "version");
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
            "/openapi.json",
            "docs",
            "This API described in OpenAPI 3",
            Object.class,
            this::openapi),
        ApiRoute.route("/docs", "docs", "Swagger UI", String.class, this::swagger),
        ApiRoute.route(
            SWAGGER_INIT, "docs", "Swagger UI's start script", String.class, this::swaggerInit),
        ApiRoute.route("/redoc", "docs", "ReDoc", String.class, this::redoc));
  }

  String document() {
    String current = document;
    if (current == null) {
      try {
        JsonNode tree = MAPPER.valueToTree(OpenApiDocument.build(routes.get(), version));
        strip(tree);
        current = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
      document = current;
    }
    return current;
  }

  private void openapi(Context ctx) {
    ctx.contentType("application/json").result(document());
  }

  private void swagger(Context ctx) {
    SecurityHeaders.page(ctx);
    ctx.html(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>rpa API</title>"
            + "<link rel=\"stylesheet\" href=\""
            + SWAGGER
            + "swagger-ui.css\"></head><body>"
            + "<div id=\"swagger-ui\"></div><script src=\""
            + SWAGGER
            + "swagger-ui-bundle.js\"></script><script src=\""
            + SWAGGER_INIT
            + "\"></script></body></html>");
  }

  /** The start of Swagger UI, as a script of ours: the page's CSP allows no inline script. */
  private void swaggerInit(Context ctx) {
    ctx.contentType("text/javascript; charset=utf-8")
        .result(
            "SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui', validatorUrl: null});\n");
  }

  private void redoc(Context ctx) {
    SecurityHeaders.page(ctx);
    ctx.html(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>rpa API</title></head><body>"
            + "<redoc spec-url=\"/openapi.json\"></redoc><script src=\""
            + REDOC
            + "\"></script>"
            + "</body></html>");
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(NOT_OPENAPI);
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      names.forEach(name -> strip(object.get(name)));
    } else if (node.isArray()) {
      node.forEach(ApiDocsRoutes::strip);
    }
  }
}
