package org.rpa.server.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces every mention of a data subject with {@value #ERASED}: inside the string values of a
 * JSON document (which stays valid JSON: a number that mentions the subject becomes a string), or
 * in plain text. Thread-safe.
 */
final class Redaction {
  static final String ERASED = "[erased]";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Redaction() {}

  /** {@code text} with every mention replaced: inside JSON string values, or as plain text. */
  static String redact(String text, Pattern match) {
    if (text == null || !match.matcher(text).find()) {
      return text;
    }
    String trimmed = text.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        return JSON.writeValueAsString(redact(JSON.readTree(text), match));
      } catch (JsonProcessingException e) {
        // Not JSON after all: redact it as text.
      }
    }
    return match.matcher(text).replaceAll(Matcher.quoteReplacement(ERASED));
  }

  private static JsonNode redact(JsonNode node, Pattern match) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        field.setValue(redact(field.getValue(), match));
      }
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, redact(array.get(i), match));
      }
      return array;
    }
    if (node.isValueNode() && !node.isNull() && match.matcher(node.asText()).find()) {
      return new TextNode(
          match.matcher(node.asText()).replaceAll(Matcher.quoteReplacement(ERASED)));
    }
    return node;
  }
}
