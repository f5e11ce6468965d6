package org.rpa.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.rpa.bench.MonitoringCalls.Call;
import org.rpa.bench.MonitoringCalls.Endpoint;
import org.rpa.core.Orchestrator;
import org.rpa.core.store.JdbcStores;
import org.rpa.core.store.JobStore;

/**
 * One step of the monitoring benchmark in this JVM, on a database that outlives it. Prints one
 * {@code RESULT} line as {@link BenchRun} does.
 *
 * <pre>
 * MonitoringRun mode=seed  db=h2|pg url=… executions=1000000
 * MonitoringRun mode=calls db=… url=… calls=30 warmup=2 rate=200 budget=120
 * MonitoringRun mode=drain db=… url=… n=20000 poll=true|false
 * </pre>
 *
 * <ul>
 *   <li>{@code seed}: the core migrates the database, then {@link MonitoringSeed} fills it;
 *   <li>{@code calls}: while the engine drains a stream of {@code rate} jobs/s (a batch every 100
 *       ms), each endpoint's calls in rounds (one of each endpoint per round), {@code warmup}
 *       rounds untimed, then {@code calls} rounds; an endpoint whose timed calls took {@code
 *       budget} seconds in all is left out of the rounds after;
 *   <li>{@code drain}: {@code n} jobs inserted with the workers paused, then drained; with {@code
 *       poll=true} a client calls what {@code stats/live} needs every second meanwhile.
 * </ul>
 */
final class MonitoringRun {
  private final Map<String, String> args;
  private final Map<String, String> result = new LinkedHashMap<>();

  MonitoringRun(Map<String, String> args) {
    this.args = args;
  }

  public static void main(String[] argv) throws Exception {
    var args = new LinkedHashMap<String, String>();
    for (String arg : argv) {
      int eq = arg.indexOf('=');
      args.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    var line = new StringBuilder("RESULT");
    new MonitoringRun(args)
        .run()
        .forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
    System.out.println(line);
    System.out.flush();
    System.exit(0);
  }

  Map<String, String> run() throws Exception {
    String url = args.get("url");
    try (HikariDataSource pool = pool(url)) {
      switch (args.get("mode")) {
        case "seed" -> seed(url, pool);
        case "calls" -> calls(url, pool);
        case "drain" -> drain(url, pool);
        default -> throw new IllegalArgumentException("mode must be seed, calls or drain");
      }
    }
    return result;
  }

  private void seed(String url, HikariDataSource pool) throws Exception {
    long t0 = System.nanoTime();
    Orchestrator.builder().database(url).build().close();
    long t1 = System.nanoTime();
    var seed =
        new MonitoringSeed(
            "pg".equals(args.get("db")), Long.parseLong(args.get("executions")), Instant.now());
    MonitoringSeed.Counts counts = seed.seed(pool);
    long t2 = System.nanoTime();
    // The seed writes executions around the store, which keeps the rollups as it finishes them.
    try (JobStore store = JdbcStores.open(pool)) {
      JdbcStores.rebuildSummaries(store);
    }
    long t3 = System.nanoTime();
    put("migrate_s", seconds(t1 - t0));
    put("seed_s", seconds(t2 - t1));
    put("rollup_s", seconds(t3 - t2));
    put("jobs", Long.toString(counts.jobs()));
    put("executions", Long.toString(counts.executions()));
    put("healing_steps", Long.toString(counts.steps()));
  }

  private void calls(String url, HikariDataSource pool) throws Exception {
    int calls = Integer.parseInt(args.getOrDefault("calls", "30"));
    int warmup = Integer.parseInt(args.getOrDefault("warmup", "2"));
    int perBatch = Math.max(1, Integer.parseInt(args.getOrDefault("rate", "200")) / 10);
    long budget = Long.parseLong(args.getOrDefault("budget", "120")) * 1_000_000_000L;
    Recorder.reset(100_000);
    var samples = new LinkedHashMap<String, List<Long>>();
    var spent = new LinkedHashMap<String, Long>();
    ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
    var next = new AtomicInteger();
    try (var rpa = new RpaSubject(url, pool, -1, -1)) {
      rpa.resume();
      producer.scheduleAtFixedRate(
          () -> rpa.submitBatch(next.getAndAdd(perBatch) % (100_000 - perBatch), perBatch),
          0,
          100,
          TimeUnit.MILLISECONDS);
      for (int round = 0; round < warmup + calls; round++) {
        for (Endpoint endpoint : MonitoringCalls.ENDPOINTS) {
          // An endpoint whose timed calls used its budget is called no more (after one at least):
          // its count says how often it was.
          if (spent.getOrDefault(endpoint.key(), 0L) > budget) {
            continue;
          }
          long total = 0;
          for (Call call : endpoint.calls()) {
            long t0 = System.nanoTime();
            call.body().run(rpa.orchestrator());
            long took = System.nanoTime() - t0;
            total += took;
            if (round >= warmup) {
              samples
                  .computeIfAbsent(endpoint.key() + "." + key(call), k -> new ArrayList<>())
                  .add(took);
            }
          }
          if (round >= warmup) {
            spent.merge(endpoint.key(), total, Long::sum);
            samples.computeIfAbsent(endpoint.key(), k -> new ArrayList<>()).add(total);
          }
        }
      }
      // Not shutdownNow: an interrupt inside H2's file I/O closes the database.
      producer.shutdown();
      producer.awaitTermination(1, TimeUnit.MINUTES);
      put("streamed", Integer.toString(next.get()));
    }
    samples.forEach(
        (key, values) -> {
          long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
          put(key + ".n", Integer.toString(sorted.length));
          put(key + ".p50", ms(percentile(sorted, 50)));
          put(key + ".p99", ms(percentile(sorted, 99)));
        });
  }

  static String key(Call call) {
    return call.name().replace(' ', '_');
  }

  private void drain(String url, HikariDataSource pool) throws Exception {
    int n = Integer.parseInt(args.getOrDefault("n", "20000"));
    boolean poll = Boolean.parseBoolean(args.getOrDefault("poll", "false"));
    Recorder.reset(n);
    long before = Sql.count(pool, "SELECT COALESCE(MAX(id), 0) FROM jobs");
    String pending =
        "SELECT COUNT(*) FROM jobs WHERE id > "
            + before
            + " AND status IN ('SCHEDULED', 'QUEUED', 'CLAIMED', 'RUNNING')";
    var polls = new ArrayList<Long>();
    ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    try (var rpa = new RpaSubject(url, pool, -1, -1)) {
      rpa.submitBatch(0, n);
      if (poll) {
        poller.scheduleAtFixedRate(
            () -> {
              long t0 = System.nanoTime();
              for (Call call : MonitoringCalls.LIVE.calls()) {
                call.body().run(rpa.orchestrator());
              }
              synchronized (polls) {
                polls.add(System.nanoTime() - t0);
              }
            },
            0,
            1,
            TimeUnit.SECONDS);
      }
      rpa.resume();
      while (Recorder.distinctRuns() < n) {
        Thread.sleep(1);
      }
      while (Sql.count(pool, pending) > 0) {
        Thread.sleep(2);
      }
      long end = System.nanoTime();
      poller.shutdown();
      poller.awaitTermination(1, TimeUnit.MINUTES);
      long firstStart = Long.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        firstStart = Math.min(firstStart, Recorder.startedAt(i));
      }
      put("drain", String.format(Locale.ROOT, "%.0f", n / ((end - firstStart) / 1e9)));
    }
    synchronized (polls) {
      put("polls", Integer.toString(polls.size()));
      long[] sorted = polls.stream().mapToLong(Long::longValue).sorted().toArray();
      put("poll_p50", sorted.length == 0 ? "-" : ms(percentile(sorted, 50)));
    }
  }

  private static HikariDataSource pool(String url) {
    var config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(2);
    config.setPoolName("bench-monitor");
    return new HikariDataSource(config);
  }

  /** Nearest rank: the value ranked {@code ceil(p / 100 × n)}. */
  private static long percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
  }

  private void put(String key, String value) {
    result.put(key, value);
    System.err.printf("[monitoring %s %s] %s=%s%n", args.get("mode"), args.get("db"), key, value);
  }
}
