package org.rpa.automation;

import java.util.Map;
import java.util.Objects;

/**
 * Thrown by a flow to end its job with a typed error: {@code business} (the portal answered no,
 * never retried) or technical (retried). {@code type} is the {@code error_type} that results
 * report, such as {@code AuthenticationError}.
 */
public final class FlowFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String type;
  private final boolean business;
  private final transient Map<String, Object> details;

  private FlowFailure(String type, String message, boolean business, Map<String, Object> details) {
    super(message);
    this.type = Objects.requireNonNull(type, "type");
    this.business = business;
    this.details = Map.copyOf(details);
  }

  /** The work was done and the answer is no (circuit not found, account locked). */
  public static FlowFailure business(String type, String message) {
    return new FlowFailure(type, message, true, Map.of());
  }

  /** Something broke; the job is retried while attempts remain. */
  public static FlowFailure technical(String type, String message) {
    return new FlowFailure(type, message, false, Map.of());
  }

  public String type() {
    return type;
  }

  public boolean isBusiness() {
    return business;
  }

  public Map<String, Object> details() {
    return details == null ? Map.of() : details;
  }
}
