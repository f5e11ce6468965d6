package org.rpa.server.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;

/** The classes of bad input the sweep sends, each value with a name for the test's title. */
final class BadValues {
  private BadValues() {}

  record Named(String name, String value) {}

  /** Spellings that are not a job id, URL-encoded for a path segment; the first six mean 1. */
  static final List<Named> IDS =
      List.of(
          new Named("plus sign", "%2B1"),
          new Named("leading zero", "01"),
          new Named("leading space", "%201"),
          new Named("tab", "%091"),
          new Named("fullwidth digit", "%EF%BC%91"),
          new Named("Arabic-Indic digit", "%D9%A1"),
          new Named("negative", "-1"),
          new Named("zero", "0"),
          new Named("decimal", "1.0"),
          new Named("exponent", "1e0"),
          new Named("hexadecimal", "0x1"),
          new Named("beyond a long", "9223372036854775808"),
          new Named("twenty digits", "10000000000000000000"),
          new Named("trailing space", "1%20"),
          new Named("NUL", "1%00"));

  /** Injection-looking strings, URL-encoded, for every path and query parameter. */
  static final List<Named> INJECTIONS =
      List.of(
          new Named("SQL quote", "1'%20OR%20'1'%3D'1"),
          new Named("SQL comment", "1%3B%20DROP%20TABLE%20jobs--"),
          new Named("script tag", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
          new Named("path traversal", "..%2F..%2Fetc%2Fpasswd"),
          new Named("backslash traversal", "..%5C..%5Cwindows"),
          new Named("NUL byte", "a%00b"),
          new Named("JNDI lookup", "%24%7Bjndi%3Aldap%3A%2F%2F127.0.0.1%2Fa%7D"),
          new Named("template", "%7B%7B7*7%7D%7D"),
          new Named("format string", "%25s%25n%25x"),
          new Named("CRLF", "a%0D%0ASet-Cookie%3A%20x%3D1"),
          new Named("10,000 characters", "A".repeat(10_000)),
          new Named("odd number", "1e309"),
          new Named("negative number", "-1"),
          new Named("NaN", "NaN"),
          new Named("fullwidth number", "%EF%BC%95"));

  /** Malformed or non-object JSON bodies. */
  static final List<Named> MALFORMED =
      List.of(
          new Named("truncated", "{\"provider\":"),
          new Named("single quotes", "{'provider':'mfn'}"),
          new Named("trailing brace", "{}}"),
          new Named("trailing data", "{} x"),
          new Named("empty", ""),
          new Named("array", "[]"),
          new Named("null", "null"),
          new Named("string", "\"x\""),
          new Named("number", "1"),
          new Named("deeply nested", "[".repeat(5_000) + "]".repeat(5_000)),
          new Named("NUL byte", "{\"a\u0000\":1}"));

  /** Content types that a JSON route does not take. */
  static final List<String> WRONG_TYPES =
      List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "");

  /** Values of the wrong type for a property of the given JSON schema type. */
  static List<JsonNode> wrongTypes(String schemaType) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (schemaType) {
      case "string" -> List.of(f.numberNode(12345), f.booleanNode(true), f.objectNode());
      case "integer" ->
          List.of(
              f.textNode("1"),
              f.numberNode(1.5),
              f.booleanNode(true),
              f.arrayNode(),
              f.numberNode(new java.math.BigInteger("99999999999999999999")),
              f.numberNode(new java.math.BigDecimal("1e309")),
              f.numberNode(1e2));
      case "number" -> List.of(f.textNode("1"), f.booleanNode(true), f.arrayNode());
      case "boolean" -> List.of(f.textNode("true"), f.numberNode(1));
      case "array" -> List.of(f.objectNode(), f.textNode("x"));
      default -> List.of(f.arrayNode().add(1), f.textNode("x"), f.numberNode(1));
    };
  }
}
