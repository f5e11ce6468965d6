package org.rpa.automation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.rpa.automation.browser.SessionPool;
import org.rpa.core.Orchestrator;
import org.rpa.core.job.Execution;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Step;

/**
 * A benchmark, not a test: validation flows of three sandbox portals (MetroFibre, Openserve,
 * Evotel; Octotel's single-use TOTP allows two logins per 30 s step and would measure the clock)
 * through a real orchestrator with two browser sessions, once with the warm session pool and once
 * with a fresh browser per job. Prints flows per second and the execution time per job, the pool's
 * own cost per job (acquire, reset, release, from {@link SessionPool#onLeaseReleased}), the
 * recorded steps of the warm flows by kind, and the targets. Run it with {@code ./bench-automation
 * [jobs]} (default 30 jobs per mode, after 4 warm-up jobs).
 */
public final class AutomationBench {
  private static final List<String> PROVIDERS = List.of("mfn", "osn", "evotel");
  private static final double POOL_COST_TARGET_MS = 100;
  private static final double SPEEDUP_TARGET = 5;
  private static final double WARM_P50_TARGET_MS = 700;

  private AutomationBench() {}

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    Result warm = run(true, jobs);
    Result fresh = run(false, jobs);
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
    for (Result result : List.of(warm, fresh)) {
      System.out.printf(
          Locale.ROOT,
          "%-22s %6d %9.2f %9.2f %12.0f %12.0f %9d%n",
          result.mode,
          result.jobs,
          result.wallSeconds,
          result.flowsPerSecond(),
          mean(result.jobMillis),
          percentile(result.jobMillis, 50),
          result.browsers);
    }
    System.out.printf(
        Locale.ROOT,
        "per-job overhead of a fresh browser: %.0f ms (mean), %.0f ms (p50)%n",
        mean(fresh.jobMillis) - mean(warm.jobMillis),
        percentile(fresh.jobMillis, 50) - percentile(warm.jobMillis, 50));
    System.out.println();
    System.out.println("pool cost per job, ms (p50 / p99):");
    for (Result result : List.of(warm, fresh)) {
      System.out.printf(
          Locale.ROOT,
          "  %-22s acquire %s  reset %s  release %s  total %s  (wait for a slot %s)%n",
          result.mode,
          p50p99(result.times, SessionPool.LeaseTimes::acquire),
          p50p99(result.times, SessionPool.LeaseTimes::reset),
          p50p99(result.times, SessionPool.LeaseTimes::release),
          p50p99(result.times, SessionPool.LeaseTimes::cost),
          p50p99(result.times, SessionPool.LeaseTimes::queued));
    }
    System.out.println();
    printSteps(warm);
    System.out.println();
    double poolCost = percentile(nanos(warm.times, SessionPool.LeaseTimes::cost), 50) / 1e6;
    double speedup = warm.flowsPerSecond() / fresh.flowsPerSecond();
    double warmP50 = percentile(warm.jobMillis, 50);
    System.out.println("Targets:");
    target(
        "warm pool's own cost per job (acquire + reset + release) p50",
        poolCost <= POOL_COST_TARGET_MS,
        String.format(Locale.ROOT, "%.1f ms, target <= %.0f ms", poolCost, POOL_COST_TARGET_MS));
    target(
        "warm against fresh, flows/s",
        speedup >= SPEEDUP_TARGET,
        String.format(
            Locale.ROOT,
            "%.2fx (%.2f vs %.2f flows/s), target >= %.0fx",
            speedup,
            warm.flowsPerSecond(),
            fresh.flowsPerSecond(),
            SPEEDUP_TARGET));
    target(
        "warm validation flow p50, two sessions",
        warmP50 < WARM_P50_TARGET_MS,
        String.format(Locale.ROOT, "%.0f ms, target < %.0f ms", warmP50, WARM_P50_TARGET_MS));
  }

  private static void target(String name, boolean met, String figures) {
    System.out.printf(Locale.ROOT, "  %-6s %s: %s%n", met ? "met" : "MISSED", name, figures);
  }

  /**
   * The warm jobs' recorded steps by kind (the step's name without the URL's host or the circuit),
   * and what no step covers: the session lease and its release, the handler's own work.
   */
  private static void printSteps(Result result) {
    Map<String, List<Long>> byKind = new LinkedHashMap<>();
    long[] unrecorded = new long[result.steps.size()];
    long[] screenshots = new long[result.steps.size()];
    for (int i = 0; i < result.steps.size(); i++) {
      long sum = 0;
      for (Step step : result.steps.get(i)) {
        long micros = step.duration().toNanos() / 1000;
        byKind.computeIfAbsent(kind(step.name()), k -> new ArrayList<>()).add(micros);
        sum += micros;
        if (step.details().containsKey("screenshot")) {
          screenshots[i]++;
        }
      }
      unrecorded[i] = result.jobMillis[i] * 1000 - sum;
    }
    int jobs = result.steps.size();
    System.out.printf(
        Locale.ROOT,
        "recorded steps of the %s jobs (%d jobs, %.1f screenshots per job):%n",
        result.mode,
        jobs,
        Arrays.stream(screenshots).average().orElse(0));
    System.out.printf(
        Locale.ROOT, "  %-44s %6s %9s %9s %9s%n", "step", "count", "p50 ms", "p99 ms", "ms/job");
    byKind.forEach(
        (kind, micros) -> {
          long[] values = micros.stream().mapToLong(Long::longValue).sorted().toArray();
          System.out.printf(
              Locale.ROOT,
              "  %-44s %6d %9.1f %9.1f %9.1f%n",
              kind,
              values.length,
              percentile(values, 50) / 1000,
              percentile(values, 99) / 1000,
              Arrays.stream(values).sum() / 1000.0 / jobs);
        });
    Arrays.sort(unrecorded);
    System.out.printf(
        Locale.ROOT,
        "  %-44s %6d %9.1f %9.1f %9.1f%n",
        "(outside steps: lease, release, handler)",
        jobs,
        percentile(unrecorded, 50) / 1000,
        percentile(unrecorded, 99) / 1000,
        Arrays.stream(unrecorded).sum() / 1000.0 / jobs);
  }

  private static String kind(String name) {
    return name.replaceAll("https?://[^/ ]+", "")
        .replaceAll("[A-Z]+-[0-9]{6}", "<circuit>")
        .replaceAll("^open /(mfn|osn|evotel)", "open /$1");
  }

  private record Result(
      String mode,
      int jobs,
      double wallSeconds,
      long[] jobMillis,
      long browsers,
      List<SessionPool.LeaseTimes> times,
      List<List<Step>> steps) {
    double flowsPerSecond() {
      return jobs / wallSeconds;
    }
  }

  private static Result run(boolean reuse, int jobs) throws Exception {
    Path temp = Files.createTempDirectory("rpa-automation-bench");
    Clock clock = Clock.systemUTC();
    ConcurrentLinkedQueue<SessionPool.LeaseTimes> times = new ConcurrentLinkedQueue<>();
    try (SandboxFixture sandbox = new SandboxFixture(temp, clock);
        BrowserAutomation automation = sandbox.automation(clock).reuseSessions(reuse).build();
        Orchestrator rpa =
            automation.install(
                Orchestrator.builder().dataSource(sandbox.dataSource).concurrency(2))) {
      rpa.start();
      runAll(rpa, sandbox, 4);
      automation.pool().onLeaseReleased(times::add);
      long startedBefore = automation.pool().browsersStarted();
      long start = System.nanoTime();
      List<JobId> ids = runAll(rpa, sandbox, jobs);
      double wall = (System.nanoTime() - start) / 1e9;
      automation.pool().onLeaseReleased(t -> {});
      long[] millis = new long[ids.size()];
      List<List<Step>> steps = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        List<Execution> executions = rpa.jobs().executions(ids.get(i));
        millis[i] = executions.get(executions.size() - 1).duration().toMillis();
        steps.add(rpa.jobs().steps(ids.get(i), executions.size()));
      }
      return new Result(
          reuse ? "warm pool (2 sessions)" : "fresh browser per job",
          jobs,
          wall,
          millis,
          automation.pool().browsersStarted() - startedBefore,
          List.copyOf(times),
          steps);
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

  private static long[] nanos(
      List<SessionPool.LeaseTimes> times,
      java.util.function.Function<SessionPool.LeaseTimes, Duration> phase) {
    return times.stream().mapToLong(t -> phase.apply(t).toNanos()).sorted().toArray();
  }

  private static String p50p99(
      List<SessionPool.LeaseTimes> times,
      java.util.function.Function<SessionPool.LeaseTimes, Duration> phase) {
    long[] nanos = nanos(times, phase);
    return String.format(
        Locale.ROOT, "%.1f / %.1f", percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6);
  }

  private static double mean(long[] values) {
    return Arrays.stream(values).average().orElse(0);
  }

  /** The nearest-rank percentile of values sorted here. */
  private static double percentile(long[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
