package org.rpa.automation;

import java.util.Map;

/**
 * One provider's automation for one action, written against {@link Steps}. Returns what goes into
 * the result's {@code details} beside provider, action, circuit number and processing time; throws
 * {@link FlowFailure} for a typed error. Implementations must be stateless: one instance serves
 * many jobs at once.
 */
@FunctionalInterface
public interface Flow {
  Map<String, Object> run(FlowContext flow) throws Exception;
}
