package org.rpa.core.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rpa.core.remote.RemoteJob;
import org.rpa.core.remote.RemoteReport;
import org.rpa.core.remote.RemoteWorker;
import org.rpa.core.remote.WorkerInfo;

/** The manual orchestrator refuses the settings it cannot honour instead of dropping them. */
class ManualOrchestratorSettingsTest {
  private static final RemoteWorker NOWHERE =
      new RemoteWorker() {
        @Override
        public String url() {
          return "http://127.0.0.1:9";
        }

        @Override
        public WorkerInfo probe() {
          throw new AssertionError("never called");
        }

        @Override
        public Handover execute(RemoteJob job) {
          throw new AssertionError("never called");
        }

        @Override
        public RemoteReport report(long jobId) {
          throw new AssertionError("never called");
        }
      };

  @Test
  void build_refuses_a_remote_worker_naming_the_setting() {
    var builder = ManualOrchestrator.builder().database(H2.memory()).remoteWorker(NOWHERE);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("remoteWorker");
  }

  @Test
  void build_refuses_completion_callbacks_naming_the_setting() {
    var builder =
        ManualOrchestrator.builder()
            .database(H2.memory())
            .callbacks((key, payload) -> 200, Duration.ofSeconds(1));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("callbacks");
  }
}
