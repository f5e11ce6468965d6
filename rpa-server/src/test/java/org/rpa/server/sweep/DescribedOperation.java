package org.rpa.server.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One operation of {@code /openapi.json}, as the sweep needs it: method, path, parameters, the
 * request body's media type and schema, whether it needs a token, and the statuses it documents.
 */
record DescribedOperation(
    String method,
    String path,
    List<String> pathParameters,
    List<String> queryParameters,
    String bodyType,
    String bodySchema,
    boolean secured,
    Set<Integer> documented) {

  /** Every operation the document describes, in document order. */
  static List<DescribedOperation> all(JsonNode document) {
    List<DescribedOperation> operations = new ArrayList<>();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        operation ->
                            operations.add(
                                of(path.getKey(), operation.getKey(), operation.getValue()))));
    return operations;
  }

  private static DescribedOperation of(String path, String method, JsonNode operation) {
    List<String> inPath = new ArrayList<>();
    List<String> inQuery = new ArrayList<>();
    for (JsonNode parameter : operation.path("parameters")) {
      (parameter.path("in").asText().equals("path") ? inPath : inQuery)
          .add(parameter.path("name").asText());
    }
    String bodyType = null;
    String bodySchema = null;
    var content = operation.path("requestBody").path("content").fields();
    if (content.hasNext()) {
      var media = content.next();
      bodyType = media.getKey();
      String ref = media.getValue().path("schema").path("$ref").asText();
      bodySchema = ref.substring(ref.lastIndexOf('/') + 1);
    }
    Set<Integer> documented = new TreeSet<>();
    operation.path("responses").fieldNames().forEachRemaining(c -> documented.add(parse(c)));
    return new DescribedOperation(
        method.toUpperCase(Locale.ROOT),
        path,
        List.copyOf(inPath),
        List.copyOf(inQuery),
        bodyType,
        bodySchema,
        operation.has("security"),
        Set.copyOf(documented));
  }

  private static int parse(String code) {
    return Integer.parseInt(code);
  }

  boolean takesJson() {
    return bodyType != null && bodyType.equals("application/json");
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
