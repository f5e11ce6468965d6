package org.rpa.server.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Replaces every whole mention of a data subject ({@link SubjectMatch}) with {@value #ERASED}:
 * inside the string values of a JSON document, which stays valid JSON (a number equal to the
 * subject becomes the string {@value #ERASED}), or in plain text. A text without a whole mention is
 * returned as it is, byte for byte. Thread-safe.
 */
final class Redaction {
  static final String ERASED = "[erased]";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Redaction() {}

  /** {@code text} with every whole mention replaced: inside JSON values, or as plain text. */
  static String redact(String text, SubjectMatch match) {
    if (text == null || !match.in(text) && !match.mayHoldScreenshotName(text)) {
      return text;
    }
    String trimmed = text.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        JsonNode document = JSON.readTree(text);
        boolean[] changed = {false};
        JsonNode redacted = redact(document, match, changed);
        // A mention in a field name only: the values, which are what names a subject, are kept.
        return changed[0] ? JSON.writeValueAsString(redacted) : text;
      } catch (JsonProcessingException e) {
        // Not JSON after all: redact it as text.
      }
    }
    return match.isScreenshotName(text) ? ERASED : match.replace(text, ERASED);
  }

  private static JsonNode redact(JsonNode node, SubjectMatch match, boolean[] changed) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        field.setValue(redact(field.getValue(), match, changed));
      }
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, redact(array.get(i), match, changed));
      }
      return array;
    }
    if (node.isTextual() && match.in(node.textValue())) {
      changed[0] = true;
      return new TextNode(match.replace(node.textValue(), ERASED));
    }
    if (node.isTextual() && match.isScreenshotName(node.textValue())) {
      changed[0] = true;
      return new TextNode(ERASED);
    }
    if (node.isNumber() && match.is(node.asText())) {
      changed[0] = true;
      return new TextNode(ERASED);
    }
    return node;
  }
}
