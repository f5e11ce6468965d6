package org.rpa.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One configuration (library × database) in this JVM: warm-up, drain, e2e, idle pick-up, then the
 * steady state (drains of {@code n} jobs until the rate settles, then a batch, a drain and an e2e
 * phase of {@code steady} jobs); or, with {@code mode=scale}, a drain of a large queue by our
 * engine alone. Prints one {@code RESULT} line of {@code key=value} pairs on stdout; throws if a
 * job did not run.
 *
 * <pre>
 * BenchRun lib=rpa db=h2 url=jdbc:h2:file:/tmp/x;WRITE_DELAY=0 n=20000 warmup=2000 [mode=scale]
 *          [steady=200000] [steadyE2e=50000] [settle=5]
 *          [batchSize=128] [bufferSize=16] [idle=100]   (rpa: the engine's defaults unless given)
 *          [polling=tuned]                              (db-scheduler: see DbSchedulerSubject)
 * </pre>
 */
public final class BenchRun {
  static final int POOL_SIZE = 24;
  static final int THREADS = 16;
  private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(15);

  /** Drains of {@code n} settle when one's rate is within this fraction of the one before. */
  private static final double SETTLED = 0.10;

  private final Map<String, String> args;
  private final Map<String, String> result = new LinkedHashMap<>();
  private long expectedRuns;

  BenchRun(Map<String, String> args) {
    this.args = args;
  }

  public static void main(String[] argv) throws Exception {
    var args = new LinkedHashMap<String, String>();
    for (String arg : argv) {
      int eq = arg.indexOf('=');
      args.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    var run = new BenchRun(args);
    Map<String, String> result = run.run();
    var line = new StringBuilder("RESULT");
    result.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
    System.out.println(line);
    System.out.flush();
    // Some libraries leave non-daemon threads behind.
    System.exit(0);
  }

  Map<String, String> run() throws Exception {
    String lib = args.get("lib");
    String db = args.getOrDefault("db", "none");
    String url = args.get("url");
    int n = Integer.parseInt(args.get("n"));
    int warmup = Integer.parseInt(args.getOrDefault("warmup", "0"));
    int idle = Integer.parseInt(args.getOrDefault("idle", "100"));
    boolean scale = "scale".equals(args.get("mode"));
    int steady = Integer.parseInt(args.getOrDefault("steady", "0"));
    int steadyE2e = Integer.parseInt(args.getOrDefault("steadyE2e", Integer.toString(steady / 4)));
    int settle = steady > 0 ? Integer.parseInt(args.getOrDefault("settle", "5")) : 0;
    Recorder.reset(scale ? n : 2 * warmup + n * 2 + idle + settle * n + steady + steadyE2e);
    try (HikariDataSource pool = url == null ? null : pool(url, lib.equals("rpa") ? 2 : POOL_SIZE);
        Subject subject = subject(lib, db, url, pool)) {
      if (scale) {
        scale(subject, n);
      } else {
        int next = phases(subject, n, warmup, idle);
        if (steady > 0) {
          steady(subject, next, n, settle, steady, steadyE2e);
        }
      }
    }
    return result;
  }

  private Subject subject(String lib, String db, String url, HikariDataSource pool)
      throws Exception {
    boolean postgres = db.equals("pg");
    return switch (lib) {
      case "rpa" ->
          new RpaSubject(
              url,
              pool,
              Integer.parseInt(args.getOrDefault("batchSize", "-1")),
              Integer.parseInt(args.getOrDefault("bufferSize", "-1")));
      case "db-scheduler" ->
          new DbSchedulerSubject(pool, postgres, "tuned".equals(args.get("polling")));
      case "jobrunr" -> new JobRunrSubject(pool, Duration.ofSeconds(5));
      case "quartz" -> new QuartzSubject(pool, postgres);
      case "memory" -> new MemorySubject();
      default ->
          throw new IllegalArgumentException(
              "lib must be one of rpa, db-scheduler," + " jobrunr, quartz, memory, but was " + lib);
    };
  }

  private static HikariDataSource pool(String url, int size) {
    var config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    config.setPoolName("bench");
    return new HikariDataSource(config);
  }

  /** The short phases; returns the number of the next job. */
  private int phases(Subject subject, int n, int warmup, int idle) throws Exception {
    int next = 0;
    if (warmup > 0) {
      subject.submitBatch(next, warmup);
      subject.resume();
      await(subject, warmup);
      next += warmup;
      for (int i = next; i < next + warmup; i++) {
        subject.submitOne(i);
      }
      await(subject, warmup);
      next += warmup;
      subject.pause();
    }

    Drain drain = batchAndDrain(subject, next, n);
    put("batch", rate(n, drain.batchNanos));
    put("drain", rate(n, drain.drainNanos));
    next += n;

    E2e e2e = e2e(subject, next, n);
    put("e2e", rate(n, e2e.nanos));
    put("e2e_p50", ms(percentile(e2e.latencies, 50)));
    put("e2e_p99", ms(percentile(e2e.latencies, 99)));
    next += n;

    // Idle pick-up: 100 jobs at 20/s into an idle system.
    Thread.sleep(1_000);
    int idleFrom = next;
    long pace = System.nanoTime();
    for (int i = idleFrom; i < idleFrom + idle; i++) {
      pace += 50_000_000L;
      long wait = pace - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      Recorder.submitting(i);
      subject.submitOne(i);
    }
    await(subject, idle);
    double[] idleLatency = latencies(idleFrom, idle);
    put("idle_p50", ms(percentile(idleLatency, 50)));
    put("idle_p99", ms(percentile(idleLatency, 99)));
    next += idle;
    check(next);
    return next;
  }

  /**
   * The steady state: drains of {@code n} jobs (the workers paused for each batch, as in the short
   * drain) until one's rate is within {@link #SETTLED} of the one before, at most {@code settle};
   * then {@code steady} jobs batch-submitted and drained, and {@code steadyE2e} submitted one at a
   * time while the workers run.
   */
  private void steady(Subject subject, int next, int n, int settle, int steady, int steadyE2e)
      throws Exception {
    double previous = 0;
    int drains = 0;
    while (drains < settle) {
      subject.pause();
      double rate = n / (batchAndDrain(subject, next, n).drainNanos / 1e9);
      next += n;
      drains++;
      if (previous > 0 && Math.abs(rate - previous) <= SETTLED * previous) {
        break;
      }
      previous = rate;
    }
    put("settle_drains", Integer.toString(drains));
    subject.pause();
    Drain drain = batchAndDrain(subject, next, steady);
    put("steady_batch", rate(steady, drain.batchNanos));
    put("steady_drain", rate(steady, drain.drainNanos));
    next += steady;
    E2e e2e = e2e(subject, next, steadyE2e);
    put("steady_e2e", rate(steadyE2e, e2e.nanos));
    next += steadyE2e;
    check(next);
  }

  private record Drain(long batchNanos, long drainNanos) {}

  /**
   * Jobs {@code from .. from+count-1} inserted with the batch API while the workers are paused,
   * then drained: the insert's time, and the time from the first start until none is pending.
   */
  private Drain batchAndDrain(Subject subject, int from, int count) throws Exception {
    long t0 = System.nanoTime();
    subject.submitBatch(from, count);
    long t1 = System.nanoTime();
    subject.resume();
    long end = await(subject, count);
    long firstStart = Long.MAX_VALUE;
    for (int i = from; i < from + count; i++) {
      firstStart = Math.min(firstStart, Recorder.startedAt(i));
    }
    return new Drain(t1 - t0, end - firstStart);
  }

  private record E2e(long nanos, double[] latencies) {}

  /** One producer, one submit per call, while the workers run. */
  private E2e e2e(Subject subject, int from, int count) throws Exception {
    for (int i = from; i < from + count; i++) {
      Recorder.submitting(i);
      subject.submitOne(i);
    }
    long end = await(subject, count);
    return new E2e(end - Recorder.submittedAt(from), latencies(from, count));
  }

  private void scale(Subject subject, int n) throws Exception {
    var memory = new HeapSampler();
    memory.start();
    Drain drain = batchAndDrain(subject, 0, n);
    put("batch", rate(n, drain.batchNanos));
    put("drain", rate(n, drain.drainNanos));
    memory.interrupt();
    memory.join();
    put("heap_peak_mb", Long.toString(memory.peak.get() >> 20));
    System.gc();
    var runtime = Runtime.getRuntime();
    put("heap_live_mb", Long.toString((runtime.totalMemory() - runtime.freeMemory()) >> 20));
    put("heap_max_mb", Long.toString(runtime.maxMemory() >> 20));
    check(n);
  }

  /** Every job ran at least once; duplicates are counted. */
  private void check(int total) {
    long missing = 0;
    long duplicates = 0;
    for (int i = 0; i < total; i++) {
      int runs = Recorder.runs(i);
      if (runs == 0) {
        missing++;
      }
      duplicates += Math.max(0, runs - 1);
    }
    put("jobs", Integer.toString(total));
    put("duplicates", Long.toString(duplicates));
    if (missing > 0) {
      throw new IllegalStateException(missing + " of " + total + " jobs never ran");
    }
  }

  /** Waits until {@code count} more jobs started and none is pending in the database. */
  private long await(Subject subject, int count) throws Exception {
    expectedRuns += count;
    long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
    while (Recorder.distinctRuns() < expectedRuns) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Timed out: " + Recorder.distinctRuns() + " of " + expectedRuns + " jobs started");
      }
      Thread.sleep(1);
    }
    while (subject.pending() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Timed out: jobs still pending in the database");
      }
      Thread.sleep(2);
    }
    return System.nanoTime();
  }

  private static double[] latencies(int from, int count) {
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = Recorder.startedAt(from + i) - Recorder.submittedAt(from + i);
    }
    Arrays.sort(values);
    return values;
  }

  private static double percentile(double[] sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String ms(double nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  private static String rate(int n, long nanos) {
    return String.format(Locale.ROOT, "%.0f", n / (nanos / 1e9));
  }

  private void put(String key, String value) {
    result.put(key, value);
    System.err.printf("[%s %s] %s=%s%n", args.get("lib"), args.get("db"), key, value);
  }

  /** Samples the used heap every 10 ms, keeping the peak. */
  private static final class HeapSampler extends Thread {
    final AtomicLong peak = new AtomicLong();

    HeapSampler() {
      super("bench-heap");
      setDaemon(true);
    }

    @Override
    public void run() {
      var runtime = Runtime.getRuntime();
      while (!isInterrupted()) {
        peak.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
