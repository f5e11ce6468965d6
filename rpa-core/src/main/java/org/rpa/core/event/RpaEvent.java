package org.rpa.core.event;

import java.time.Instant;

/**
 * Something that happened in the orchestrator, published on the {@link EventBus} after the change
 * it reports was committed. Each event has a type named {@code {domain}.{action}}, such as {@code
 * job.completed}. {@link EventTypes} lists every type with its channel.
 */
public sealed interface RpaEvent
    permits JobStateChanged,
        LoopStateChanged,
        BreakerStateChanged,
        ExecutorHeartbeat,
        ExecutorOffline,
        QueueDepthSampled,
        HealthChanged,
        AlertStateChanged {

  /** The event type, {@code {domain}.{action}}. */
  String type();

  /** When it happened, by the orchestrator's clock. */
  Instant at();
}
