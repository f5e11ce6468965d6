package org.rpa.server.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Strict JSON: snake_case names, unknown fields, duplicate keys, trailing data and type coercion
 * ("5" for a number, 5.5 for an integer, 5 or true for a string) are all refused with a 400 that
 * names the field.
 */
final class StrictJson {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // Jackson turns 12345 or true into "12345" or "true" for a text field even with scalar
          // coercion off; a reference or a key must arrive as a JSON string.
          .withCoercionConfig(
              LogicalType.Textual,
              config ->
                  config
                      .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  private StrictJson() {}

  /** The body as a JSON object tree, after checking the content type. */
  static JsonNode object(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(
          415, "UnsupportedMediaTypeError", "Content-Type must be application/json");
    }
    byte[] body = ctx.bodyAsBytes();
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw ApiException.validation("Request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw describe(e);
    } catch (java.io.IOException e) {
      throw ApiException.validation("Request body could not be read");
    }
  }

  /** Binds a tree to {@code type}, strictly. */
  static <T> T bind(JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw describe(e);
    } catch (IllegalArgumentException e) {
      throw ApiException.validation("Request body has a value of the wrong type");
    }
  }

  static <T> T read(Context ctx, Class<T> type) {
    return bind(object(ctx), type);
  }

  private static ApiException describe(JsonProcessingException e) {
    if (e instanceof JsonParseException parse) {
      var location = parse.getLocation();
      return ApiException.validation(
          "Malformed JSON at line "
              + location.getLineNr()
              + ", column "
              + location.getColumnNr()
              + (e.getOriginalMessage().startsWith("Duplicate field")
                  ? ": " + e.getOriginalMessage()
                  : ""));
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      return ApiException.validation("Unknown field '" + unknown.getPropertyName() + "'");
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."));
      return ApiException.validation("Field '" + field + "' has the wrong type or value");
    }
    return ApiException.validation("Request body is not valid JSON for this call");
  }
}
