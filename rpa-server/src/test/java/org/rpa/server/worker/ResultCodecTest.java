package org.rpa.server.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.Healing;
import org.rpa.core.job.Step;
import org.rpa.core.job.StepOutcome;
import org.rpa.core.remote.RemoteResult;

class ResultCodecTest {
  private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void steps_cross_the_callback_with_what_self_healing_did() throws Exception {
    var steps =
        List.of(
            new Step(1, "open", StepOutcome.PASSED, null, Duration.ofMillis(5), AT, Map.of()),
            new Step(
                2,
                "fill",
                StepOutcome.HEALED,
                Healing.HEALED,
                Duration.ofMillis(7),
                AT,
                Map.of("locator", "css:[data-qa='user']")),
            new Step(
                3,
                "read",
                StepOutcome.FAILED,
                Healing.NO_ALTERNATIVE,
                Duration.ofMillis(9),
                AT,
                Map.of()));
    var sent =
        new RemoteResult(
            7,
            0,
            1,
            "worker-1",
            ExecutionStatus.SUCCESS,
            Map.of(),
            null,
            false,
            Duration.ofMillis(21),
            steps,
            null);

    byte[] body = WorkerProtocol.MAPPER.writeValueAsBytes(ResultCodec.callback(sent, "worker-1"));
    RemoteResult received = ResultCodec.readResult(body);

    assertThat(WorkerProtocol.MAPPER.readTree(body).path("steps").get(1).path("healing").asText())
        .isEqualTo("HEALED");
    assertThat(received.steps())
        .extracting(Step::seq, Step::outcome, Step::healing)
        .containsExactly(
            tuple(1, StepOutcome.PASSED, null),
            tuple(2, StepOutcome.HEALED, Healing.HEALED),
            tuple(3, StepOutcome.FAILED, Healing.NO_ALTERNATIVE));
    assertThat(received.steps().get(1).details()).containsEntry("locator", "css:[data-qa='user']");
  }
}
