package org.rpa.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.rpa.core.event.EventType;
import org.rpa.core.event.EventTypes;
import org.rpa.server.security.Permission;
import org.rpa.server.ws.EventPayloads;

/**
 * {@code GET /api/system/websocket/events}: the registry of every event type the orchestrator
 * publishes, from the core's catalog ({@link EventTypes}), each with its channel, description,
 * deprecated flag, the JSON Schema of its payload and an example payload, rendered by {@link
 * EventPayloads} as a stream sends it; the channels; the counts.
 *
 * <p>Thread-safe: the body is built once.
 */
final class EventRoutes {
  record EventTypeItem(
      String type,
      String channel,
      String description,
      boolean deprecated,
      Map<String, Object> payloadSchema,
      Map<String, Object> example) {}

  record EventRegistryBody(
      List<EventTypeItem> eventTypes, List<String> channels, int totalCount, int deprecatedCount) {}

  private final EventRegistryBody body;

  EventRoutes() {
    List<EventTypeItem> items = EventTypes.all().stream().map(EventRoutes::item).toList();
    this.body =
        new EventRegistryBody(
            items,
            EventTypes.CHANNELS,
            items.size(),
            (int) items.stream().filter(EventTypeItem::deprecated).count());
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
                "/api/system/websocket/events",
                "monitoring",
                "Every event type the orchestrator publishes, {domain}.{action}, with its"
                    + " channel, description, deprecated flag, payload JSON Schema and example",
                EventRegistryBody.class,
                this::registry)
            .secured(Permission.MONITORING_READ));
  }

  private void registry(Context ctx) {
    ctx.json(body);
  }

  private static EventTypeItem item(EventType type) {
    return new EventTypeItem(
        type.type(),
        type.channel(),
        type.description(),
        type.deprecated(),
        EventPayloads.schema(type.payload()),
        EventPayloads.payload(type.example()));
  }
}
