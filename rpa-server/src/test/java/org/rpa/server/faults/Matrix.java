package org.rpa.server.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rpa.server.faults.Rig.Store;

/**
 * The fault matrix: one row per store and fault, what the load generator sent and had acknowledged
 * under it and what the database holds of those jobs once they settled. Rows of one fault fired
 * several times (the soak) add up; times keep their maximum. Thread-safe: the columns fill it side
 * by side.
 */
final class Matrix {

  /** One fault's figures; {@code rescueMax} null when no job was caught in flight. */
  record Row(
      Store store,
      String fault,
      String target,
      int fired,
      int sent,
      int acknowledged,
      int replayed,
      int refused,
      int abandoned,
      long storedUnacknowledged,
      long found,
      long finals,
      long completed,
      long failed,
      long reRun,
      long duplicated,
      int caught,
      int rescued,
      Duration rescueMax,
      Duration settle) {

    Row plus(Row other) {
      return new Row(
          store,
          fault,
          target.equals(other.target) ? target : "random",
          fired + other.fired,
          sent + other.sent,
          acknowledged + other.acknowledged,
          replayed + other.replayed,
          refused + other.refused,
          abandoned + other.abandoned,
          storedUnacknowledged + other.storedUnacknowledged,
          found + other.found,
          finals + other.finals,
          completed + other.completed,
          failed + other.failed,
          reRun + other.reRun,
          duplicated + other.duplicated,
          caught + other.caught,
          rescued + other.rescued,
          max(rescueMax, other.rescueMax),
          max(settle, other.settle));
    }

    private static Duration max(Duration a, Duration b) {
      if (a == null) {
        return b;
      }
      return b == null || a.compareTo(b) >= 0 ? a : b;
    }
  }

  private final Map<String, Row> rows = new LinkedHashMap<>();

  synchronized void add(Row row) {
    rows.merge(row.store() + " " + row.fault(), row, Row::plus);
  }

  /** The matrix as a markdown table. */
  synchronized String markdown() {
    var text = new StringBuilder();
    text.append(
            "| database | fault | target | fired | sent | acknowledged | replayed | refused | abandoned")
        .append(" | stored unacknowledged")
        .append(" | found | final | completed | failed | re-run | duplicated | caught in flight")
        .append(" | rescued | rescue max (s) | settle (s) |\n")
        .append("|---".repeat(20))
        .append("|\n");
    var byStore =
        rows.values().stream().sorted(java.util.Comparator.comparing(Row::store)).toList();
    for (Row row : byStore) {
      text.append("| ")
          .append(
              String.join(
                  " | ",
                  name(row.store()),
                  row.fault(),
                  row.target(),
                  String.valueOf(row.fired()),
                  String.valueOf(row.sent()),
                  String.valueOf(row.acknowledged()),
                  String.valueOf(row.replayed()),
                  String.valueOf(row.refused()),
                  String.valueOf(row.abandoned()),
                  String.valueOf(row.storedUnacknowledged()),
                  String.valueOf(row.found()),
                  String.valueOf(row.finals()),
                  String.valueOf(row.completed()),
                  String.valueOf(row.failed()),
                  String.valueOf(row.reRun()),
                  String.valueOf(row.duplicated()),
                  String.valueOf(row.caught()),
                  String.valueOf(row.rescued()),
                  seconds(row.rescueMax()),
                  seconds(row.settle())))
          .append(" |\n");
    }
    return text.toString();
  }

  /**
   * The matrix folded to fault × database: each cell {@code acknowledged / found / duplicated /
   * rescue max}, a dash where the fault cannot strike that store.
   */
  synchronized String summary() {
    var stores = new java.util.TreeSet<Store>();
    var faults = new java.util.LinkedHashSet<String>();
    for (Row row : rows.values()) {
      stores.add(row.store());
      faults.add(row.fault());
    }
    var text = new StringBuilder("| fault");
    stores.forEach(store -> text.append(" | ").append(name(store)));
    text.append(" |\n").append("|---".repeat(stores.size() + 1)).append("|\n");
    for (String fault : faults) {
      text.append("| ").append(fault);
      for (Store store : stores) {
        Row row = rows.get(store + " " + fault);
        text.append(" | ")
            .append(
                row == null
                    ? "-"
                    : row.acknowledged()
                        + " / "
                        + row.found()
                        + " / "
                        + row.duplicated()
                        + " / "
                        + (row.rescueMax() == null ? "-" : seconds(row.rescueMax()) + " s"));
      }
      text.append(" |\n");
    }
    return text.toString();
  }

  private static String name(Store store) {
    return store == Store.H2 ? "H2" : "PostgreSQL";
  }

  static String seconds(Duration duration) {
    return duration == null
        ? "-"
        : String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
  }

  /** Writes {@code header} and the table to {@code file}, replacing it. */
  void write(Path file, String header) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, header + "\n\n" + summary() + "\n" + markdown());
  }
}
