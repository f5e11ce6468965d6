package org.rpa.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "Targets" lines of a {@link Bench} run: each of our figures against the faster db-scheduler
 * configuration, and the idle pick-up against its bound.
 */
final class BenchTargets {
  /** The figures the targets compare, with the least ratio each must reach. */
  private static final Map<String, Double> RATIO_TARGETS = new LinkedHashMap<>();

  static {
    RATIO_TARGETS.put("drain", 2.0);
    RATIO_TARGETS.put("e2e", 1.0);
    RATIO_TARGETS.put("batch", 1.0);
    RATIO_TARGETS.put("steady_drain", 2.0);
    RATIO_TARGETS.put("steady_e2e", 1.0);
    RATIO_TARGETS.put("steady_batch", 1.0);
  }

  private static final Map<String, String> LABELS =
      Map.of(
          "drain", "drain",
          "e2e", "e2e",
          "batch", "batch submit",
          "steady_drain", "steady drain",
          "steady_e2e", "steady e2e",
          "steady_batch", "steady batch submit");

  private BenchTargets() {}

  /**
   * Each ratio against the faster db-scheduler configuration (by median), as the median of the
   * per-round ratios with the lowest and highest: a target is met only when every round clears it.
   */
  static void print(
      Map<String, Map<Bench.Configuration, List<Map<String, String>>>> byDb, boolean pg) {
    System.out.println(
        "Targets (rpa ÷ the faster db-scheduler configuration, median of the rounds' ratios"
            + " (lowest–highest); met only when every round clears it):");
    for (String db : pg ? List.of("h2", "pg") : List.of("h2")) {
      Map<Bench.Configuration, List<Map<String, String>>> results = byDb.getOrDefault(db, Map.of());
      List<Map<String, String>> ours = runsOf(results, "rpa", false);
      List<Map.Entry<Bench.Configuration, List<Map<String, String>>>> peers =
          results.entrySet().stream().filter(e -> e.getKey().lib().equals("db-scheduler")).toList();
      if (ours == null || peers.isEmpty()) {
        continue;
      }
      RATIO_TARGETS.forEach(
          (figure, target) -> {
            if (!ours.get(0).containsKey(figure)) {
              return;
            }
            var best =
                peers.stream()
                    .max(
                        java.util.Comparator.comparingDouble(
                            e -> Bench.median(e.getValue(), figure)))
                    .orElseThrow();
            int rounds = Math.min(ours.size(), best.getValue().size());
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
              ratios[r] =
                  Double.parseDouble(ours.get(r).get(figure))
                      / Double.parseDouble(best.getValue().get(r).get(figure));
            }
            Arrays.sort(ratios);
            System.out.printf(
                Locale.ROOT,
                "- %s %s: %.2f× (%.2f–%.2f) %s (target ≥ %.0f): %s%n",
                db,
                LABELS.get(figure),
                ratios[rounds / 2],
                ratios[0],
                ratios[rounds - 1],
                best.getKey().name(),
                target,
                ratios[0] >= target ? "met" : "missed");
          });
      double[] idle =
          ours.stream().mapToDouble(m -> Double.parseDouble(m.get("idle_p50"))).sorted().toArray();
      System.out.printf(
          Locale.ROOT,
          "- %s idle pick-up p50: %.2f ms (%.2f–%.2f) (target ≤ 2): %s%n",
          db,
          idle[idle.length / 2],
          idle[0],
          idle[idle.length - 1],
          idle[idle.length - 1] <= 2 ? "met" : "missed");
    }
  }

  private static List<Map<String, String>> runsOf(
      Map<Bench.Configuration, List<Map<String, String>>> results, String lib, boolean extra) {
    return results.entrySet().stream()
        .filter(e -> e.getKey().lib().equals(lib) && e.getKey().extra().isEmpty() != extra)
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }
}
