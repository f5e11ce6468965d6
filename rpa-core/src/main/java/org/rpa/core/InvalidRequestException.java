package org.rpa.core;

import java.util.Objects;

/**
 * A request the core refuses before it reaches the store: it names the field, the value it had and
 * the rule it broke. Nothing was stored or changed.
 */
public final class InvalidRequestException extends RpaException {
  private final String field;
  private final String value;

  public InvalidRequestException(String field, Object value, String rule) {
    super(field + " " + rule + ", but was " + render(value));
    this.field = Objects.requireNonNull(field, "field");
    this.value = render(value);
  }

  /** The name of the offending field, as the caller spelled it (such as {@code timeout}). */
  public String field() {
    return field;
  }

  /** The offending value, rendered as text ({@code null} when it was missing). */
  public String value() {
    return value;
  }

  private static String render(Object value) {
    if (value == null) {
      return "null";
    }
    String text = String.valueOf(value);
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
