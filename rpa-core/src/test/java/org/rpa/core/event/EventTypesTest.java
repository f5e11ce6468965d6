package org.rpa.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rpa.core.alert.AlertState;
import org.rpa.core.job.JobStatus;
import org.rpa.core.supervise.LoopStatus;

class EventTypesTest {

  @Test
  void every_event_class_publishes_at_least_one_listed_type() {
    List<Class<?>> payloads =
        EventTypes.all().stream().<Class<?>>map(EventType::payload).distinct().toList();

    assertThat(payloads).containsExactlyInAnyOrder(RpaEvent.class.getPermittedSubclasses());
  }

  @Test
  void the_status_lists_of_the_events_are_the_statuses_of_the_core() {
    assertThat(JobStateChanged.STATUSES)
        .containsExactlyElementsOf(Arrays.stream(JobStatus.values()).map(Enum::name).toList());
    assertThat(LoopStateChanged.STATUSES)
        .containsExactlyElementsOf(
            Arrays.stream(LoopStatus.Status.values()).map(Enum::name).toList());
    assertThat(AlertStateChanged.STATES)
        .containsExactlyElementsOf(Arrays.stream(AlertState.values()).map(Enum::name).toList());
  }

  @Test
  void a_job_has_a_type_for_its_creation_and_for_each_status_and_a_loop_for_each_status() {
    List<String> types = EventTypes.all().stream().map(EventType::type).toList();

    assertThat(types)
        .contains("job.created")
        .contains(
            Arrays.stream(JobStatus.values())
                .map(s -> "job." + s.name().toLowerCase(java.util.Locale.ROOT))
                .toArray(String[]::new))
        .contains(
            Arrays.stream(LoopStatus.Status.values())
                .map(s -> "supervisor.worker_" + s.name().toLowerCase(java.util.Locale.ROOT))
                .toArray(String[]::new))
        .contains(
            "robot.heartbeat",
            "robot.offline",
            "queue.depth",
            "alert.firing",
            "alert.resolved",
            "system.health_changed",
            "breaker.state_changed")
        .doesNotHaveDuplicates()
        .allMatch(type -> type.matches("^[a-z]+\\.[a-z_]+$"), "named {domain}.{action}");
    assertThat(types).hasSize(1 + 7 + 2 + 1 + 2 + 2 + 5);
  }

  @Test
  void types_come_grouped_by_channel_in_the_order_of_the_channels_and_each_channel_has_some() {
    List<String> channels = EventTypes.all().stream().map(EventType::channel).toList();

    assertThat(channels.stream().distinct().toList()).isEqualTo(EventTypes.CHANNELS);
    for (int i = 1; i < channels.size(); i++) {
      assertThat(EventTypes.CHANNELS.indexOf(channels.get(i)))
          .isGreaterThanOrEqualTo(EventTypes.CHANNELS.indexOf(channels.get(i - 1)));
    }
  }

  @Test
  void each_example_is_an_event_of_its_type_and_its_channel_is_found_from_the_event() {
    for (EventType type : EventTypes.all()) {
      assertThat(type.example().type()).isEqualTo(type.type());
      assertThat(type.example()).isInstanceOf(type.payload());
      assertThat(EventTypes.channelOf(type.example())).isEqualTo(type.channel());
      assertThat(EventTypes.of(type.type())).contains(type);
      assertThat(type.deprecated()).isFalse();
    }
    assertThat(EventTypes.of("job.exploded")).isEmpty();
  }

  @Test
  void an_entry_whose_example_does_not_match_it_is_refused() {
    var heartbeat = new ExecutorHeartbeat("e", "idle", 0, 1, 0, 0, Instant.EPOCH);

    assertThatThrownBy(
            () -> new EventType("robot.offline", "robots", "x", ExecutorHeartbeat.class, heartbeat))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new EventType(
                    "robot.heartbeat", "cameras", "x", ExecutorHeartbeat.class, heartbeat))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("channel");
  }

  @Test
  void an_event_of_an_unknown_type_has_no_channel() {
    var unknown = new LoopStateChanged("loop", "EXPLODED", 0, null, Instant.EPOCH);

    assertThatThrownBy(() -> EventTypes.channelOf(unknown))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("supervisor.worker_exploded");
  }
}
