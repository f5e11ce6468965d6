package org.rpa.server.monitoring;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code global.scrape_interval} from the configuration that {@code /api/v1/status/config}
 * returns. That YAML is Prometheus's own rendering of its loaded configuration (block style, two
 * spaces per level, defaults filled in), so a line-based read of the {@code global} block is enough
 * and no YAML library is needed. Stateless.
 */
final class PrometheusConfigText {
  /** Prometheus's duration syntax: {@code 1y2w3d4h5m6s7ms}, each unit at most once, in order. */
  private static final Pattern DURATION =
      Pattern.compile(
          "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");

  private static final Duration[] UNITS = {
    Duration.ofDays(365),
    Duration.ofDays(7),
    Duration.ofDays(1),
    Duration.ofHours(1),
    Duration.ofMinutes(1),
    Duration.ofSeconds(1),
    Duration.ofMillis(1)
  };

  private static final Pattern KEY =
      Pattern.compile("^(\\s+)scrape_interval:\\s*([\"']?)([0-9a-z]+)\\2\\s*(?:#.*)?$");

  private static final Pattern GLOBAL = Pattern.compile("^global:\\s*(?:#.*)?$");

  private PrometheusConfigText() {}

  /**
   * The {@code scrape_interval} of the top-level {@code global} block, if the YAML has one with a
   * valid duration.
   */
  static Optional<Duration> globalScrapeInterval(String yaml) {
    boolean inGlobal = false;
    String childIndent = null;
    for (String line : yaml.split("\\R")) {
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      if (!Character.isWhitespace(line.charAt(0))) {
        inGlobal = GLOBAL.matcher(line).matches();
        childIndent = null;
        continue;
      }
      if (!inGlobal) {
        continue;
      }
      String indent = line.substring(0, line.length() - line.stripLeading().length());
      if (childIndent == null) {
        childIndent = indent;
      }
      Matcher key = KEY.matcher(line);
      // Only a direct child of global: a deeper scrape_interval belongs to something else.
      if (indent.equals(childIndent) && key.matches()) {
        return duration(key.group(3));
      }
    }
    return Optional.empty();
  }

  /** A Prometheus duration ({@code 15s}, {@code 1m30s}, {@code 500ms}), if valid. */
  static Optional<Duration> duration(String text) {
    if (text.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    Matcher matcher = DURATION.matcher(text);
    if (text.isEmpty() || !matcher.matches()) {
      return Optional.empty();
    }
    Duration total = Duration.ZERO;
    try {
      for (int unit = 0; unit < UNITS.length; unit++) {
        String amount = matcher.group(unit + 1);
        if (amount != null) {
          total = total.plus(UNITS[unit].multipliedBy(Long.parseLong(amount)));
        }
      }
    } catch (ArithmeticException | NumberFormatException tooLong) {
      return Optional.empty();
    }
    return Optional.of(total);
  }
}
