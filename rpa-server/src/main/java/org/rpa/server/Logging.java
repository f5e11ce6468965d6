package org.rpa.server;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code LOG_LEVEL} and {@code LOG_PATH}, applied to slf4j-simple (the jar's logging binding)
 * before the first logger exists. They are read from the environment only: logging starts before
 * the secrets directory is read. An explicit {@code -Dorg.slf4j.simpleLogger.*} wins.
 */
final class Logging {
  static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
  static final String FILE_PROPERTY = "org.slf4j.simpleLogger.logFile";
  private static final Map<String, String> LEVELS =
      Map.of(
          "TRACE", "trace",
          "DEBUG", "debug",
          "INFO", "info",
          "WARN", "warn",
          "WARNING", "warn",
          "ERROR", "error",
          "CRITICAL", "error");

  private Logging() {}

  /** slf4j-simple's level for a documented level name ({@code WARNING}, {@code debug}, …). */
  static Optional<String> level(String name) {
    return Optional.ofNullable(LEVELS.get(name.trim().toUpperCase(Locale.ROOT)));
  }

  static void configure(Map<String, String> environment) {
    String level = environment.get("LOG_LEVEL");
    if (level != null && System.getProperty(LEVEL_PROPERTY) == null) {
      level(level).ifPresent(value -> System.setProperty(LEVEL_PROPERTY, value));
    }
    String path = environment.get("LOG_PATH");
    if (path != null && !path.isBlank() && System.getProperty(FILE_PROPERTY) == null) {
      System.setProperty(FILE_PROPERTY, path.trim());
    }
  }
}
