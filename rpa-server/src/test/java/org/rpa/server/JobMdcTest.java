package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.rpa.core.Orchestrator;
import org.rpa.core.job.JobHandler;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.recovery.RetryPolicy;
import org.rpa.core.testing.H2;
import org.slf4j.MDC;

/**
 * The core's executor with the server's logging backend (Logback; slf4j-simple keeps no MDC): the
 * SLF4J MDC of a handler's thread holds the job's id and attempt while it runs, and what the
 * handler added ends with it: a retry sees its own attempt, and the next job on the same thread
 * starts with its own two keys only.
 */
class JobMdcTest {
  @Test
  void a_handler_sees_its_job_id_and_attempt_in_the_mdc_and_nothing_is_left_after()
      throws InterruptedException {
    Map<String, String> seen = new ConcurrentHashMap<>();
    try (Orchestrator rpa =
        Orchestrator.builder()
            .database(H2.memory())
            .concurrency(1)
            .retryPolicy(RetryPolicy.ofDefaults().withBackoff(Duration.ZERO, 1.0, Duration.ZERO))
            .handler(
                "demo",
                "flaky",
                ctx -> {
                  seen.put("attempt " + ctx.attempt(), MDC.get(JobHandler.MDC_ATTEMPT));
                  seen.put("job " + ctx.attempt(), MDC.get(JobHandler.MDC_JOB_ID));
                  return ctx.attempt() == 1
                      ? JobResult.technicalFailure("Flaky", "first attempt fails")
                      : JobResult.success(Map.of());
                })
            .handler(
                "demo",
                "leaky",
                ctx -> {
                  MDC.put("left_behind", "by a handler");
                  return JobResult.success(Map.of());
                })
            .handler(
                "demo",
                "after",
                ctx -> {
                  seen.put("after", new TreeMap<>(MDC.getCopyOfContextMap()).toString());
                  return JobResult.success(Map.of());
                })
            .build()) {
      rpa.start();
      JobId flaky = rpa.jobs().submit(JobRequest.of("demo", "flaky").maxAttempts(2));
      assertThat(rpa.jobs().await(flaky, Duration.ofSeconds(30)).status())
          .isEqualTo(JobStatus.COMPLETED);
      JobId leaky = rpa.jobs().submit(JobRequest.of("demo", "leaky"));
      assertThat(rpa.jobs().await(leaky, Duration.ofSeconds(30)).status())
          .isEqualTo(JobStatus.COMPLETED);
      JobId after = rpa.jobs().submit(JobRequest.of("demo", "after"));
      assertThat(rpa.jobs().await(after, Duration.ofSeconds(30)).status())
          .isEqualTo(JobStatus.COMPLETED);

      assertThat(seen)
          .containsEntry("attempt 1", "1")
          .containsEntry("attempt 2", "2")
          .containsEntry("job 1", flaky.toString())
          .containsEntry("job 2", flaky.toString());
      // One handler thread ran all three: nothing of the earlier jobs is left in its MDC.
      assertThat(seen.get("after")).isEqualTo("{attempt=1, job_id=" + after + "}");
    }
  }
}
