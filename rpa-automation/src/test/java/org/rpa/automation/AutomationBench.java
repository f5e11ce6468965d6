package org.rpa.automation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.rpa.core.Orchestrator;
import org.rpa.core.job.Execution;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;

/**
 * A benchmark, not a test: validation flows of three sandbox portals (MetroFibre, Openserve,
 * Evotel; Octotel's single-use TOTP allows two logins per 30 s step and would measure the clock)
 * through a real orchestrator with two browser sessions, once with the warm session pool and once
 * with a fresh browser per job. Prints flows per second and the mean execution time per job; the
 * difference is the per-job overhead a fresh browser adds. Run it with {@code ./bench-automation
 * [jobs]} (default 30 jobs per mode, after 4 warm-up jobs).
 */
public final class AutomationBench {
  private static final List<String> PROVIDERS = List.of("mfn", "osn", "evotel");

  private AutomationBench() {}

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    System.out.printf(
        Locale.ROOT,
        "%-22s %6s %9s %9s %12s %12s %9s%n",
        "mode",
        "jobs",
        "wall s",
        "flows/s",
        "mean job ms",
        "p50 job ms",
        "browsers");
    Result warm = run(true, jobs);
    Result fresh = run(false, jobs);
    for (Result result : List.of(warm, fresh)) {
      System.out.printf(
          Locale.ROOT,
          "%-22s %6d %9.2f %9.2f %12.0f %12.0f %9d%n",
          result.mode,
          result.jobs,
          result.wallSeconds,
          result.jobs / result.wallSeconds,
          result.meanMillis,
          result.p50Millis,
          result.browsers);
    }
    System.out.printf(
        Locale.ROOT,
        "per-job overhead of a fresh browser: %.0f ms (mean), %.0f ms" + " (p50)%n",
        fresh.meanMillis - warm.meanMillis,
        fresh.p50Millis - warm.p50Millis);
  }

  private record Result(
      String mode,
      int jobs,
      double wallSeconds,
      double meanMillis,
      double p50Millis,
      long browsers) {}

  private static Result run(boolean reuse, int jobs) throws Exception {
    Path temp = Files.createTempDirectory("rpa-automation-bench");
    Clock clock = Clock.systemUTC();
    try (SandboxFixture sandbox = new SandboxFixture(temp, clock);
        BrowserAutomation automation = sandbox.automation(clock).reuseSessions(reuse).build();
        Orchestrator rpa =
            automation.install(
                Orchestrator.builder().dataSource(sandbox.dataSource).concurrency(2))) {
      rpa.start();
      runAll(rpa, sandbox, 4);
      long startedBefore = automation.pool().browsersStarted();
      long start = System.nanoTime();
      List<JobId> ids = runAll(rpa, sandbox, jobs);
      double wall = (System.nanoTime() - start) / 1e9;
      long[] millis = new long[ids.size()];
      for (int i = 0; i < ids.size(); i++) {
        List<Execution> executions = rpa.jobs().executions(ids.get(i));
        millis[i] = executions.get(executions.size() - 1).duration().toMillis();
      }
      Arrays.sort(millis);
      double mean = Arrays.stream(millis).average().orElse(0);
      return new Result(
          reuse ? "warm pool (2 sessions)" : "fresh browser per job",
          jobs,
          wall,
          mean,
          millis[millis.length / 2],
          automation.pool().browsersStarted() - startedBefore);
    }
  }

  private static List<JobId> runAll(Orchestrator rpa, SandboxFixture sandbox, int jobs)
      throws Exception {
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      String provider = PROVIDERS.get(i % PROVIDERS.size());
      String circuit = sandbox.portals.portal(provider).circuit(1 + i % 20);
      ids.add(
          rpa.jobs()
              .submit(JobRequest.of(provider, "validation").param("circuit_number", circuit)));
    }
    for (JobId id : ids) {
      Job job = rpa.jobs().await(id, Duration.ofMinutes(5));
      if (job.status() != JobStatus.COMPLETED) {
        throw new IllegalStateException("Job did not complete: " + job);
      }
    }
    return ids;
  }
}
