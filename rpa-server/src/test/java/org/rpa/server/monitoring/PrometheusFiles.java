package org.rpa.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus files shipped in {@code docs/prometheus} (the configuration, the alert rules and
 * their tests, the Grafana dashboard), and Debian's {@code promtool} to check them.
 */
final class PrometheusFiles {
  static final String CONFIG = "prometheus.yml";
  static final String RULES = "rules.yml";
  static final String RULE_TESTS = "rules.test.yml";
  static final String DASHBOARD = "grafana-dashboard.json";

  /** A metric name in a PromQL expression: ours, and Prometheus's {@code up}. */
  private static final Pattern METRIC = Pattern.compile("\\brpa_[a-z_]+\\b|\\bup(?=\\{)");

  /** What a promtool run printed and how it ended. */
  record Run(int exit, String output) {}

  private PrometheusFiles() {}

  /** {@code docs/prometheus}, from the module's directory (where surefire and failsafe run). */
  static Path directory() {
    Path directory = Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("prometheus");
    assertThat(directory).as("the shipped Prometheus files").isDirectory();
    return directory;
  }

  static String read(String name) {
    try {
      return Files.readString(directory().resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code promtool} with {@code arguments} in {@code workingDirectory}. */
  static Run promtool(Path workingDirectory, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool ended").isTrue();
    return new Run(process.exitValue(), output);
  }

  /**
   * {@code text} with each key of {@code replacements} replaced by its value; each key must occur,
   * so that a change of the shipped file cannot silently leave the test's copy pointing elsewhere.
   */
  static String template(String text, Map<String, String> replacements) {
    String result = text;
    for (Map.Entry<String, String> replacement : replacements.entrySet()) {
      assertThat(result).as("the shipped file").contains(replacement.getKey());
      result = result.replace(replacement.getKey(), replacement.getValue());
    }
    return result;
  }

  /** The metric names {@code expressions} read. */
  static TreeSet<String> metricNames(List<String> expressions) {
    TreeSet<String> names = new TreeSet<>();
    for (String expression : expressions) {
      Matcher matcher = METRIC.matcher(expression);
      while (matcher.find()) {
        names.add(matcher.group());
      }
    }
    return names;
  }

  /** The {@code expr} of every rule in {@code rules.yml} (block scalars included). */
  static List<String> ruleExpressions() {
    List<String> expressions = new ArrayList<>();
    List<String> lines = read(RULES).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int at = line.indexOf("expr:");
      if (at < 0) {
        continue;
      }
      String inline = line.substring(at + 5).trim();
      if (!inline.equals("|")) {
        expressions.add(inline);
        continue;
      }
      StringBuilder block = new StringBuilder();
      int indent = at;
      while (i + 1 < lines.size() && indentation(lines.get(i + 1)) > indent) {
        block.append(lines.get(++i).trim()).append(' ');
      }
      expressions.add(block.toString().trim());
    }
    return expressions;
  }

  private static int indentation(String line) {
    return line.isBlank() ? Integer.MAX_VALUE : line.length() - line.stripLeading().length();
  }
}
