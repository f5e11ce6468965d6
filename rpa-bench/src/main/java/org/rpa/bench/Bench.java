package org.rpa.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every configuration (library × database) in rounds, each run in its own JVM with the same
 * flags, and prints one table of medians with their spread. {@code ./bench} at the repository root
 * is the way in; see docs/performance.md.
 *
 * <pre>
 * Bench [pg=jdbc:postgresql://127.0.0.1:5432/] [runs=3] [n=20000] [slowN=5000] [steady=200000]
 *       [scale=10000,100000,1000000] [jvm=-Xms1g -Xmx1g] [libs=memory,rpa,db-scheduler,jobrunr,quartz]
 *       [ablation=true] [dir=/tmp/x]
 *       [monitoring=1000000 calls=30 warmup=2 rate=200 budget=120 drainN=20000 drainRuns=3]
 * </pre>
 *
 * <p>db-scheduler runs twice per database: with its defaults and {@code polling=tuned} (see {@link
 * DbSchedulerSubject}); each target is held against the faster of the two. Our engine and
 * db-scheduler also run the steady-state phases ({@code steady} jobs, 0 for none; see {@link
 * BenchRun}).
 *
 * <p>{@code monitoring=N} adds the monitoring mode ({@link MonitoringBench}) on a store seeded with
 * N executions.
 */
public final class Bench {
  private static final String[] COLUMNS = {
    "drain", "e2e", "e2e_p50", "e2e_p99", "idle_p50", "idle_p99", "batch"
  };
  private static final String[] STEADY_COLUMNS = {"steady_batch", "steady_drain", "steady_e2e"};

  private final Map<String, String> args;
  private final Path dir;
  private final List<String> jvm;

  /** Every configuration's runs, in round order, by database. */
  private final Map<String, Map<Configuration, List<Map<String, String>>>> byDb =
      new LinkedHashMap<>();

  private final List<Double> loads = new ArrayList<>();
  private int databases;

  private Bench(Map<String, String> args) throws IOException {
    this.args = args;
    this.dir =
        args.containsKey("dir")
            ? Files.createDirectories(Path.of(args.get("dir")))
            : Files.createTempDirectory("rpa-bench");
    this.jvm = List.of(args.getOrDefault("jvm", "-Xms1g -Xmx1g").trim().split("\\s+"));
  }

  public static void main(String[] argv) throws Exception {
    var args = new LinkedHashMap<String, String>();
    for (String arg : argv) {
      int eq = arg.indexOf('=');
      args.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    new Bench(args).run();
  }

  private void run() throws Exception {
    int runs = Integer.parseInt(args.getOrDefault("runs", "3"));
    int n = Integer.parseInt(args.getOrDefault("n", "20000"));
    int slowN = Integer.parseInt(args.getOrDefault("slowN", "5000"));
    int steady = Integer.parseInt(args.getOrDefault("steady", "200000"));
    String pg = args.get("pg");
    String libList = args.getOrDefault("libs", "memory,rpa,db-scheduler,jobrunr,quartz");
    List<String> libs = libList.isBlank() ? List.of() : List.of(libList.split(","));
    System.err.println("Work directory: " + dir + "; child JVM flags: " + String.join(" ", jvm));
    if (!libs.isEmpty()) {
      header();
    }
    for (String db : pg == null ? List.of("h2") : List.of("h2", "pg")) {
      var configurations = new ArrayList<Configuration>();
      for (String lib : libs) {
        if (lib.equals("memory") && db.equals("pg")) {
          continue;
        }
        int size = lib.equals("jobrunr") || lib.equals("quartz") ? slowN : n;
        int steadyN = lib.equals("rpa") || lib.equals("db-scheduler") ? steady : 0;
        configurations.add(
            new Configuration(
                lib, lib.equals("memory") ? "none" : db, size, steadyN, runs, Map.of()));
        if (lib.equals("db-scheduler")) {
          configurations.add(
              new Configuration(lib, db, size, steadyN, runs, Map.of("polling", "tuned")));
        }
      }
      if (Boolean.parseBoolean(args.getOrDefault("ablation", "true")) && libs.contains("rpa")) {
        configurations.add(new Configuration("rpa", db, n, 0, 1, Map.of("batchSize", "1")));
        configurations.add(new Configuration("rpa", db, n, 0, 1, Map.of("bufferSize", "0")));
        // The default buffer is seven times the threads (112 here); 48 was the default before.
        configurations.add(
            new Configuration(
                "rpa",
                db,
                n,
                0,
                1,
                new java.util.TreeMap<>(Map.of("batchSize", "64", "bufferSize", "48"))));
      }
      byDb.put(db, runInRounds(configurations));
    }
    System.out.println();
    if (steady > 0 && !libs.isEmpty()) {
      steadyTable(steady);
    }
    String scale = args.getOrDefault("scale", "10000,100000,1000000");
    if (!scale.isBlank()) {
      System.out.println(
          "| rpa, H2, -Xmx256m | queued jobs | drain jobs/s | batch submit jobs/s"
              + " | heap peak MB | heap live after MB | duplicates |");
      System.out.println("|---|---|---|---|---|---|---|");
      for (String size : scale.split(",")) {
        scale(Integer.parseInt(size.trim()));
      }
      System.out.println();
    }
    if (!libs.isEmpty()) {
      BenchTargets.print(byDb, pg != null);
    }
    if (args.containsKey("monitoring")) {
      new MonitoringBench(
              args,
              (childArgs, name) -> child(MonitoringRun.class, List.of(), childArgs, name),
              (db, name) -> database(db, name).orElseThrow(),
              System.out)
          .run(pg == null ? List.of("h2") : List.of("h2", "pg"));
    }
    double[] sorted = loads.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length > 0) {
      System.out.printf(
          Locale.ROOT,
          "Load: the 1-minute load average before each of the %d runs was %.2f–%.2f (median"
              + " %.2f; %d cores).%n",
          sorted.length,
          sorted[0],
          sorted[sorted.length - 1],
          sorted[sorted.length / 2],
          Runtime.getRuntime().availableProcessors());
    }
  }

  private void header() {
    System.out.println(
        "| library | db | N | drain jobs/s | e2e jobs/s | e2e submit→start p50 ms"
            + " | e2e p99 ms | idle pick-up p50 ms | idle p99 ms | batch submit jobs/s"
            + " | jobs checked / duplicates |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
  }

  /**
   * One row of the table: a library on a database, run {@code runs} times, with the steady-state
   * phases of {@code steady} jobs (0: none).
   */
  record Configuration(
      String lib, String db, int n, int steady, int runs, Map<String, String> extra) {
    String name() {
      return lib + (extra.isEmpty() ? "" : " (" + extra.toString().replaceAll("[{}]", "") + ")");
    }
  }

  /**
   * Runs the configurations in rounds: the first run of each, then the second of each, and so on,
   * so that a slow spell of this shared machine falls on every library alike instead of on the
   * three runs of one of them. The rows are printed when all their runs are done.
   */
  private Map<Configuration, List<Map<String, String>>> runInRounds(
      List<Configuration> configurations) throws Exception {
    var results = new LinkedHashMap<Configuration, List<Map<String, String>>>();
    int rounds = configurations.stream().mapToInt(Configuration::runs).max().orElse(0);
    for (int r = 1; r <= rounds; r++) {
      for (Configuration configuration : configurations) {
        if (r <= configuration.runs()) {
          results
              .computeIfAbsent(configuration, c -> new ArrayList<>())
              .add(runOnce(configuration, r));
        }
      }
    }
    results.forEach(this::row);
    return results;
  }

  private Map<String, String> runOnce(Configuration configuration, int run) throws Exception {
    var childArgs = new ArrayList<String>();
    childArgs.add("lib=" + configuration.lib());
    childArgs.add("db=" + configuration.db());
    url(configuration.lib(), configuration.db()).ifPresent(url -> childArgs.add("url=" + url));
    childArgs.add("n=" + configuration.n());
    childArgs.add("warmup=" + Math.max(100, configuration.n() / 10));
    childArgs.add("steady=" + configuration.steady());
    configuration.extra().forEach((k, v) -> childArgs.add(k + "=" + v));
    var name = new StringBuilder(configuration.lib() + "-" + configuration.db());
    configuration.extra().forEach((k, v) -> name.append('-').append(k).append(v));
    return child(List.of(), childArgs, name + "-" + run);
  }

  private void row(Configuration configuration, List<Map<String, String>> results) {
    String db = configuration.db();
    var line =
        new StringBuilder("| " + configuration.name() + " | " + db + " | " + configuration.n());
    for (String column : COLUMNS) {
      line.append(" | ").append(summary(results, column));
    }
    long jobs = results.stream().mapToLong(m -> Long.parseLong(m.get("jobs"))).sum();
    long duplicates = results.stream().mapToLong(m -> Long.parseLong(m.get("duplicates"))).sum();
    line.append(" | ").append(jobs).append(" / ").append(duplicates).append(" |");
    System.out.println(line);
    System.out.flush();
  }

  private void steadyTable(int steady) {
    System.out.println(
        "| library | db | steady N | drains of N to settle | batch submit jobs/s | drain jobs/s"
            + " | e2e jobs/s (N/4 jobs) | jobs checked / duplicates |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    byDb.forEach(
        (db, results) ->
            results.forEach(
                (configuration, runs) -> {
                  if (configuration.steady() == 0) {
                    return;
                  }
                  var line =
                      new StringBuilder(
                          "| "
                              + configuration.name()
                              + " | "
                              + db
                              + " | "
                              + configuration.steady());
                  line.append(" | ").append(summary(runs, "settle_drains"));
                  for (String column : STEADY_COLUMNS) {
                    line.append(" | ").append(summary(runs, column));
                  }
                  long jobs = runs.stream().mapToLong(m -> Long.parseLong(m.get("jobs"))).sum();
                  long duplicates =
                      runs.stream().mapToLong(m -> Long.parseLong(m.get("duplicates"))).sum();
                  line.append(" | ").append(jobs).append(" / ").append(duplicates).append(" |");
                  System.out.println(line);
                }));
    System.out.println();
  }

  private void scale(int n) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("scale-" + n + "/rpa") + ";WRITE_DELAY=0";
    Map<String, String> r =
        child(
            List.of("-Xms256m", "-Xmx256m"),
            List.of("lib=rpa", "db=h2", "url=" + url, "n=" + n, "mode=scale"),
            "scale-" + n);
    System.out.printf(
        "| | %d | %s | %s | %s | %s | %s |%n",
        n,
        r.get("drain"),
        r.get("batch"),
        r.get("heap_peak_mb"),
        r.get("heap_live_mb"),
        r.get("duplicates"));
    System.out.flush();
  }

  private java.util.Optional<String> url(String lib, String db) throws SQLException {
    return database(db, "b" + (++databases) + "_" + lib.replace('-', '_'));
  }

  /** A new database called {@code name}: an H2 file in the work directory, or a PostgreSQL one. */
  private java.util.Optional<String> database(String db, String name) throws SQLException {
    return switch (db) {
      case "h2" ->
          java.util.Optional.of("jdbc:h2:file:" + dir.resolve(name + "/db") + ";WRITE_DELAY=0");
      case "pg" -> {
        String base = args.get("pg");
        try (Connection c = DriverManager.getConnection(base + "postgres?user=postgres");
            Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE " + name);
        }
        yield java.util.Optional.of(base + name + "?user=postgres");
      }
      default -> java.util.Optional.empty();
    };
  }

  private Map<String, String> child(List<String> flags, List<String> childArgs, String name)
      throws IOException, InterruptedException {
    return child(BenchRun.class, flags, childArgs, name);
  }

  private Map<String, String> child(
      Class<?> main, List<String> flags, List<String> childArgs, String name)
      throws IOException, InterruptedException {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvm);
    command.addAll(flags);
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(childArgs);
    File log = dir.resolve(name + ".log").toFile();
    double load = load();
    loads.add(load);
    var process = new ProcessBuilder(command).redirectError(log).start();
    Map<String, String> result = null;
    try (var out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("RESULT ")) {
          result = new LinkedHashMap<>();
          for (String pair : line.substring(7).split(" ")) {
            int eq = pair.indexOf('=');
            result.put(pair.substring(0, eq), pair.substring(eq + 1));
          }
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0 || result == null) {
      throw new IllegalStateException(
          name + " failed (exit " + exit + "); its log: " + log + "\n" + tail(log.toPath()));
    }
    System.err.println(name + " (load " + load + " before): " + result);
    return result;
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  static double median(List<Map<String, String>> results, String key) {
    double[] values = results.stream().mapToDouble(m -> Double.parseDouble(m.get(key))).toArray();
    Arrays.sort(values);
    return values[values.length / 2];
  }

  /** The median, and the lowest and highest run when there are several. */
  private static String summary(List<Map<String, String>> results, String key) {
    double[] values = results.stream().mapToDouble(m -> Double.parseDouble(m.get(key))).toArray();
    Arrays.sort(values);
    String median = format(values[values.length / 2]);
    if (values.length == 1) {
      return median;
    }
    return median + " (" + format(values[0]) + "–" + format(values[values.length - 1]) + ")";
  }

  private static String format(double value) {
    return value >= 100 || value == Math.rint(value)
        ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  /** The 1-minute load average, as {@code /proc/loadavg} gives it; NaN where there is none. */
  private static double load() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
