package org.rpa.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rpa.core.event.ExecutorHeartbeat;
import org.rpa.core.event.ExecutorOffline;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.event.QueueDepthSampled;
import org.rpa.core.event.RpaEvent;

/** The shared events' wire format: each kind comes back equal, nulls included. */
class PeerCodecTest {
  private static final Instant AT = Instant.parse("2026-01-05T10:30:00.123456Z");

  @Test
  void every_shared_kind_comes_back_equal_with_its_nulls_and_its_instants_to_the_microsecond() {
    List<RpaEvent> events =
        List.of(
            new JobStateChanged(7, "mfn", "validation", null, "QUEUED", 0, null, "created", AT),
            new JobStateChanged(
                7, "mfn", "validation", "RUNNING", "FAILED", 2, "e-1", "b\"oom", AT),
            new ExecutorHeartbeat("e-1", "busy", 2, 4, 45.2, 1024.5, AT),
            new ExecutorOffline("w-1", null, "did not answer its probe", AT));

    String message = PeerCodec.message("origin-1", events.stream().map(PeerCodec::encode).toList());
    PeerCodec.Message decoded = PeerCodec.decode(message);

    assertThat(decoded.origin()).isEqualTo("origin-1");
    assertThat(decoded.events()).containsExactlyElementsOf(events);
  }

  @Test
  void only_job_changes_and_executor_events_are_shared() {
    assertThat(PeerCodec.shared(new QueueDepthSampled(1, 2, 3, AT))).isFalse();
    assertThat(PeerCodec.shared(new ExecutorOffline("w", null, "x", AT))).isTrue();
  }

  @Test
  void an_unknown_kind_is_left_out_and_a_message_that_is_not_one_is_refused() {
    PeerCodec.Message decoded =
        PeerCodec.decode("{\"origin\":\"o\",\"events\":[{\"kind\":\"Future\",\"event\":{}}]}");

    assertThat(decoded.events()).isEmpty();
    assertThatThrownBy(() -> PeerCodec.decode("not json"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PeerCodec.decode("{\"events\":[]}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
