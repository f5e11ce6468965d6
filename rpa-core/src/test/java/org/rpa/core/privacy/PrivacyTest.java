package org.rpa.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.testing.H2;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;

class PrivacyTest {
  /** A plain rule: the subject anywhere in a text, replaced by {@code [gone]}. */
  private static SubjectRule plain(String subject) {
    return new SubjectRule() {
      @Override
      public String sieve() {
        return subject;
      }

      @Override
      public boolean is(String identifier) {
        return subject.equals(identifier);
      }

      @Override
      public String redact(String text) {
        return text == null ? null : text.replace(subject, "[gone]");
      }
    };
  }

  private static ManualOrchestrator orchestrator() {
    return ManualOrchestrator.builder()
        .database(H2.memory())
        .clock(MutableClock.at("2026-01-01T00:00:00Z"))
        .handler("demo", "echo", context -> JobResult.success(context.params()))
        .jobType("demo", "later")
        .build();
  }

  @Test
  void finished_jobs_about_the_subject_are_erased_and_unfinished_ones_are_reported() {
    try (var rpa = orchestrator()) {
      JobId done = rpa.jobs().submit(JobRequest.of("demo", "echo").param("circuit", "MFN-7"));
      JobId other = rpa.jobs().submit(JobRequest.of("demo", "echo").param("circuit", "OSN-1"));
      rpa.tick();
      JobId waiting = rpa.jobs().submit(JobRequest.of("demo", "later").reference("MFN-7"));

      assertThat(rpa.privacy().find(plain("MFN-7"))).containsExactly(done, waiting);
      Privacy.Erasure erasure = rpa.privacy().erase(plain("MFN-7"), plain("MFN-7"));

      assertThat(erasure.erased()).containsExactly(done);
      assertThat(erasure.unfinished()).containsExactly(waiting);
      assertThat(rpa.jobs().get(done).params()).isEqualTo(Map.of("circuit", "[gone]"));
      assertThat(rpa.jobs().get(done).result()).isEqualTo(Map.of("circuit", "[gone]"));
      assertThat(rpa.jobs().get(other).params()).isEqualTo(Map.of("circuit", "OSN-1"));
      assertThat(rpa.jobs().get(waiting).reference()).isEqualTo("MFN-7");
      assertThat(rpa.privacy().find(plain("MFN-7"))).containsExactly(waiting);
    }
  }
}
