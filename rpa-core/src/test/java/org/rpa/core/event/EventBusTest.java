package org.rpa.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class EventBusTest {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  private static JobStateChanged completed(long id) {
    return new JobStateChanged(id, "mfn", "validation", "RUNNING", "COMPLETED", 1, "e", null, AT);
  }

  @Test
  void a_listener_that_throws_reaches_neither_the_publisher_nor_the_other_listeners() {
    var bus = EventBus.inMemory();
    var seen = new ArrayList<Long>();
    bus.subscribe(
        event -> {
          throw new IllegalStateException("boom");
        });
    bus.subscribe(JobStateChanged.class, event -> seen.add(event.jobId()));

    bus.publish(completed(1));
    bus.publish(completed(2));

    assertThat(seen).containsExactly(1L, 2L);
    assertThat(bus.listenerFailures()).isEqualTo(2);
  }

  @Test
  void a_listener_gets_only_its_type_and_stops_when_its_subscription_closes() {
    var bus = EventBus.inMemory();
    var jobs = new ArrayList<String>();
    var subscription = bus.subscribe(JobStateChanged.class, event -> jobs.add(event.type()));
    bus.publish(new BreakerStateChanged("portal.mfn", "closed", "open", AT));
    bus.publish(completed(1));
    subscription.close();
    bus.publish(completed(2));

    assertThat(jobs).containsExactly("job.completed");
  }
}
