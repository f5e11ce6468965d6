package org.rpa.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rpa.core.StoreException;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.testing.H2;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;

class CallbackOutboxTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final List<String> sent = new ArrayList<>();
  private int answer = 503;

  private ManualOrchestrator orchestrator() {
    return ManualOrchestrator.builder()
        .database(H2.memory())
        .clock(clock)
        .handler("demo", "echo", context -> JobResult.success(Map.of("ok", true)))
        .build();
  }

  private CallbackOutbox outbox(ManualOrchestrator rpa) {
    return new CallbackOutbox(
        rpa.store().outbox(),
        (key, payload) -> {
          sent.add(key + " " + payload);
          return answer;
        },
        CircuitBreaker.ofDefaults("callback"),
        clock,
        rpa.executorId(),
        Duration.ofSeconds(30));
  }

  @Test
  void a_finished_job_is_sent_with_one_key_and_tried_again_after_a_backoff() {
    try (var rpa = orchestrator()) {
      JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo").reference("R-1"));
      rpa.tick();
      CallbackOutbox outbox = outbox(rpa);

      outbox.runOnce();
      assertThat(sent).hasSize(1);
      assertThat(outbox.pending()).isEqualTo(1);

      answer = 200;
      outbox.runOnce();
      assertThat(sent).as("not due before its 1 s backoff").hasSize(1);
      clock.advance(Duration.ofSeconds(1));
      outbox.runOnce();

      assertThat(sent).hasSize(2);
      assertThat(outbox.pending()).isZero();
      String key = sent.get(0).split(" ", 2)[0];
      assertThat(key).startsWith(id.value() + ":");
      assertThat(sent.get(1))
          .startsWith(key + " ")
          .contains("\"event\":\"job.completed\"")
          .contains("\"reference\":\"R-1\"")
          .contains("\"result\":{\"ok\":true}")
          .contains("\"idempotency_key\":\"" + key + "\"");
    }
  }

  @Test
  void a_store_failure_reaches_the_relay_as_a_store_exception() {
    var rpa = orchestrator();
    CallbackOutbox outbox = outbox(rpa);
    rpa.close();

    assertThatThrownBy(outbox::produce).isInstanceOf(StoreException.class);
    assertThatThrownBy(outbox::deliver).isInstanceOf(StoreException.class);
    assertThatThrownBy(outbox::pending).isInstanceOf(StoreException.class);
  }
}
