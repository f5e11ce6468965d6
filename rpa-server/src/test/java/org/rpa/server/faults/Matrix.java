package org.rpa.server.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fault matrix: one row per fault, what the load generator sent and had acknowledged under it
 * and what the database holds of those jobs once they settled. Rows of one fault fired several
 * times (the soak) add up; times keep their maximum. Not thread-safe: the test's thread fills it.
 */
final class Matrix {

  /** One fault's figures; {@code rescueMax} null when no job was caught in flight. */
  record Row(
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

  void add(Row row) {
    rows.merge(row.fault(), row, Row::plus);
  }

  Iterable<Row> rows() {
    return rows.values();
  }

  /** The matrix as a markdown table. */
  String markdown() {
    var text = new StringBuilder();
    text.append("| fault | target | fired | sent | acknowledged | replayed | refused | abandoned")
        .append(" | stored unacknowledged")
        .append(" | found | final | completed | failed | re-run | duplicated | caught in flight")
        .append(" | rescued | rescue max (s) | settle (s) |\n")
        .append("|---".repeat(19))
        .append("|\n");
    for (Row row : rows.values()) {
      text.append("| ")
          .append(
              String.join(
                  " | ",
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

  static String seconds(Duration duration) {
    return duration == null
        ? "-"
        : String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
  }

  /** Writes {@code header} and the table to {@code file}, replacing it. */
  void write(Path file, String header) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, header + "\n\n" + markdown());
  }
}
