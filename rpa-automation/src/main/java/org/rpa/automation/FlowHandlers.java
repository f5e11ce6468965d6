package org.rpa.automation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rpa.core.OrchestratorSettings;
import org.rpa.core.job.JobHandler;

/** Turns the flows into {@link JobHandler}s, one {@link FlowHandler} per flow. */
final class FlowHandlers {
  private FlowHandlers() {}

  /** {@code provider.action} → handler. */
  static Map<String, JobHandler> of(
      Map<String, Flow> flows, BrowserAutomation automation, PortalBreakers breakers) {
    Map<String, JobHandler> handlers = new LinkedHashMap<>();
    flows.forEach(
        (type, flow) ->
            handlers.put(
                type, new FlowHandler(provider(type), action(type), flow, automation, breakers)));
    return handlers;
  }

  /** Registers every handler on {@code builder}. */
  static void register(Map<String, JobHandler> handlers, OrchestratorSettings<?> builder) {
    handlers.forEach((type, handler) -> builder.handler(provider(type), action(type), handler));
  }

  static String provider(String type) {
    return type.split("\\.", 2)[0];
  }

  private static String action(String type) {
    return type.split("\\.", 2)[1];
  }
}
