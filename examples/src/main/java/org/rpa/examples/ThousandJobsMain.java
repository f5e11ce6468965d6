package org.rpa.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.rpa.core.Orchestrator;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobContext;
import org.rpa.core.job.JobQuery;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.recovery.RetryPolicy;

/**
 * Embeds the core: registers a handler, submits 1,000 jobs and prints how they ended.
 *
 * <p>The handler stands in for a portal validation: most circuits are found, some are not (a
 * business failure: never retried), and the portal sometimes answers 502 (a technical failure:
 * retried with backoff).
 *
 * <pre>
 * mvn -q -pl examples -am install -DskipTests &amp;&amp; mvn -q -pl examples exec:java
 * </pre>
 */
public final class ThousandJobsMain {
  private ThousandJobsMain() {}

  public static void main(String[] args) throws InterruptedException {
    String database = args.length > 0 ? args[0] : "jdbc:h2:file:./data/examples/thousand-jobs";
    int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    Map<JobStatus, Long> ended = run(database, jobs);
    System.out.println("Ended: " + ended);
  }

  /** Submits {@code jobs} jobs, waits for them all to end, and returns the final counts. */
  public static Map<JobStatus, Long> run(String database, int jobs) throws InterruptedException {
    var retries =
        RetryPolicy.ofDefaults()
            .withMaxAttempts(3)
            .withBackoff(Duration.ofMillis(50), 2.0, Duration.ofSeconds(1));
    try (var rpa =
        Orchestrator.builder()
            .database(database)
            .concurrency(8)
            .retryPolicy(retries)
            .handler("mfn", "validation", ThousandJobsMain::validate)
            .build()) {
      var finished = new CountDownLatch(jobs);
      rpa.events()
          .subscribe(
              JobStateChanged.class,
              event -> {
                if (event.isFinal()) {
                  finished.countDown();
                }
              });
      rpa.start();
      long started = System.nanoTime();
      var requests = new ArrayList<JobRequest>(jobs);
      for (int i = 0; i < jobs; i++) {
        requests.add(
            JobRequest.of("mfn", "validation").param("circuit_number", String.format("C%05d", i)));
      }
      var submitted = rpa.jobs().submitAll(requests);
      if (!finished.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("jobs still running after 5 minutes");
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Map<JobStatus, Long> counts = new TreeMap<>();
      var attempts = new TreeMap<Integer, Integer>();
      for (var submission : submitted) {
        Job job = rpa.jobs().get(submission.id());
        counts.merge(job.status(), 1L, Long::sum);
        attempts.merge(job.attempts(), 1, Integer::sum);
      }
      System.out.printf("%d jobs ended in %.2f s%n", jobs, seconds);
      counts.forEach((status, count) -> System.out.printf("  %-10s %5d%n", status, count));
      attempts.forEach((n, count) -> System.out.printf("  %d attempt(s): %5d jobs%n", n, count));
      var failed = rpa.jobs().query(JobQuery.all().status(JobStatus.FAILED).limit(3)).items();
      failed.forEach(job -> System.out.printf("  e.g. job %s failed: %s%n", job.id(), job.error()));
      return counts;
    }
  }

  private static JobResult validate(JobContext ctx) {
    var random = ThreadLocalRandom.current();
    String circuit = (String) ctx.params().get("circuit_number");
    if (random.nextInt(10) == 0) {
      return JobResult.technicalFailure("PortalError", "Portal answered 502 for " + circuit);
    }
    if (circuit.endsWith("7")) {
      return JobResult.businessFailure("CircuitNotFound", "Circuit " + circuit + " not found");
    }
    return JobResult.success(Map.of("circuit_number", circuit, "status", "active"));
  }
}
