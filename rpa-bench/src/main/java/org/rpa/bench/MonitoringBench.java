package org.rpa.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rpa.bench.MonitoringCalls.Call;
import org.rpa.bench.MonitoringCalls.Endpoint;

/**
 * The monitoring mode of the benchmark ({@code ./bench monitoring=1000000 libs= scale=}): per
 * database, a fresh store seeded with that many executions, the monitoring endpoints' core calls
 * measured while the engine drains a stream of jobs, then drains without and with a client polling
 * what {@code stats/live} needs every second, alternated. Every step runs in its own JVM ({@link
 * MonitoringRun}) on the same database. Prints the seeding, one table of calls against their
 * targets, and the drain ratio. See docs/performance.md.
 */
final class MonitoringBench {
  /** Runs one {@link MonitoringRun} with these arguments and returns its result. */
  @FunctionalInterface
  interface Runner {
    Map<String, String> run(List<String> args, String name) throws Exception;
  }

  /** Where a database of the run is: a new H2 file or a new PostgreSQL database. */
  @FunctionalInterface
  interface Databases {
    String create(String db, String name) throws Exception;
  }

  /** The drain with a poller is at least this fraction of the drain without. */
  static final double DRAIN_TARGET = 0.9;

  private final Map<String, String> args;
  private final Runner runner;
  private final Databases databases;
  private final PrintStream out;

  MonitoringBench(Map<String, String> args, Runner runner, Databases databases, PrintStream out) {
    this.args = args;
    this.runner = runner;
    this.databases = databases;
    this.out = out;
  }

  void run(List<String> dbs) throws Exception {
    String executions = args.get("monitoring");
    int runs = Integer.parseInt(args.getOrDefault("drainRuns", "3"));
    String drainN = args.getOrDefault("drainN", "20000");
    var seeds = new LinkedHashMap<String, Map<String, String>>();
    var calls = new LinkedHashMap<String, Map<String, String>>();
    var drains = new LinkedHashMap<String, List<Map<String, String>>>();
    for (String db : dbs) {
      String url = databases.create(db, "monitoring_" + db);
      List<String> common = List.of("db=" + db, "url=" + url);
      seeds.put(
          db, runner.run(with(common, "mode=seed", "executions=" + executions), "seed-" + db));
      calls.put(
          db,
          runner.run(
              with(
                  common,
                  "mode=calls",
                  "calls=" + args.getOrDefault("calls", "30"),
                  "warmup=" + args.getOrDefault("warmup", "2"),
                  "rate=" + args.getOrDefault("rate", "200"),
                  "budget=" + args.getOrDefault("budget", "120")),
              "calls-" + db));
      for (int r = 1; r <= runs; r++) {
        for (String poll : List.of("false", "true")) {
          drains
              .computeIfAbsent(db + "/" + poll, k -> new ArrayList<>())
              .add(
                  runner.run(
                      with(common, "mode=drain", "n=" + drainN, "poll=" + poll),
                      "drain-" + db + "-poll-" + poll + "-" + r));
        }
      }
    }
    print(seeds, calls, drains);
  }

  private static List<String> with(List<String> common, String... more) {
    var all = new ArrayList<>(common);
    all.addAll(List.of(more));
    return all;
  }

  private void print(
      Map<String, Map<String, String>> seeds,
      Map<String, Map<String, String>> calls,
      Map<String, List<Map<String, String>>> drains) {
    out.println();
    out.println(
        "| db | jobs | executions | steps that needed healing | migrate s | seed s | rollups s |");
    out.println("|---|---|---|---|---|---|---|");
    seeds.forEach(
        (db, seed) ->
            out.printf(
                "| %s | %s | %s | %s | %s | %s | %s |%n",
                db,
                seed.get("jobs"),
                seed.get("executions"),
                seed.get("healing_steps"),
                seed.get("migrate_s"),
                seed.get("seed_s"),
                seed.get("rollup_s")));
    out.println();
    out.println("| db | call | calls | p50 ms | p99 ms | target p50 ms | met |");
    out.println("|---|---|---|---|---|---|---|");
    calls.forEach(
        (db, result) -> {
          for (Endpoint endpoint : MonitoringCalls.ENDPOINTS) {
            double p50 = Double.parseDouble(result.get(endpoint.key() + ".p50"));
            out.printf(
                Locale.ROOT,
                "| %s | **%s** | %s | %s | %s | ≤ %.0f | %s |%n",
                db,
                endpoint.label(),
                result.get(endpoint.key() + ".n"),
                result.get(endpoint.key() + ".p50"),
                result.get(endpoint.key() + ".p99"),
                endpoint.targetMs(),
                p50 <= endpoint.targetMs() ? "yes" : "**no**");
            for (Call call : endpoint.calls()) {
              String key = endpoint.key() + "." + MonitoringRun.key(call);
              out.printf(
                  "| %s | ↳ %s | %s | %s | %s | | |%n",
                  db,
                  call.name(),
                  result.get(key + ".n"),
                  result.get(key + ".p50"),
                  result.get(key + ".p99"));
            }
          }
        });
    out.println();
    out.println(
        "| db | drain jobs/s, no poller | drain jobs/s, stats/live polled every 1 s | ratio"
            + " | target | met | stats/live p50 ms while draining |");
    out.println("|---|---|---|---|---|---|---|");
    for (String db : seeds.keySet()) {
      List<Map<String, String>> off = drains.get(db + "/false");
      List<Map<String, String>> on = drains.get(db + "/true");
      double ratio = median(on, "drain") / median(off, "drain");
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %.2f | ≥ %.2f | %s | %s |%n",
          db,
          runs(off, "drain"),
          runs(on, "drain"),
          ratio,
          DRAIN_TARGET,
          ratio >= DRAIN_TARGET ? "yes" : "**no**",
          runs(on, "poll_p50"));
    }
    out.flush();
  }

  private static double median(List<Map<String, String>> results, String key) {
    double[] values = results.stream().mapToDouble(m -> Double.parseDouble(m.get(key))).toArray();
    Arrays.sort(values);
    return values[values.length / 2];
  }

  /** The median, then every run in order. */
  private static String runs(List<Map<String, String>> results, String key) {
    List<String> each = results.stream().map(m -> m.get(key)).toList();
    boolean numbers = each.stream().allMatch(v -> v.matches("[0-9.]+"));
    String median = numbers ? String.format(Locale.ROOT, "%.0f", median(results, key)) : "-";
    if (key.equals("poll_p50") && numbers) {
      median = String.format(Locale.ROOT, "%.2f", median(results, key));
    }
    return median + " (" + String.join(", ", each) + ")";
  }
}
