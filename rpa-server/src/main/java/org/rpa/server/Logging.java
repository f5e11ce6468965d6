package org.rpa.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code LOG_FORMAT}, {@code LOG_LEVEL} and {@code LOG_PATH}, applied to Logback by {@link
 * ServerLogging} before the first logger exists. They are read from the environment only: logging
 * starts before the secrets directory is read.
 */
final class Logging {
  /**
   * The text format: ISO timestamp with offset, level, thread, logger, the job's MDC when a job is
   * running ({@code [attempt=1, job_id=42]}), message, stack trace.
   */
  static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger%replace( [%mdc]){' \\[\\]', ''}"
          + " - %msg%n";

  private static final Map<String, Level> LEVELS =
      Map.of(
          "TRACE", Level.TRACE,
          "DEBUG", Level.DEBUG,
          "INFO", Level.INFO,
          "WARN", Level.WARN,
          "WARNING", Level.WARN,
          "ERROR", Level.ERROR,
          "CRITICAL", Level.ERROR);

  private Logging() {}

  /** Logback's level for a documented level name ({@code WARNING}, {@code debug}, …). */
  static Optional<Level> level(String name) {
    return Optional.ofNullable(LEVELS.get(name.trim().toUpperCase(Locale.ROOT)));
  }

  /** Whether {@code name} is a documented {@code LOG_FORMAT}: {@code text} or {@code json}. */
  static boolean isFormat(String name) {
    String format = name.trim().toLowerCase(Locale.ROOT);
    return format.equals("text") || format.equals("json");
  }

  /**
   * Replaces {@code context}'s configuration with one appender on the root logger: stderr, or the
   * file {@code LOG_PATH} (appended to); text lines, or JSON lines with {@code LOG_FORMAT=json}; at
   * {@code LOG_LEVEL} (INFO by default, and for a value that is not a level, which the server's
   * configuration check then refuses). java.util.logging is bridged into it, with its levels kept
   * in step with Logback's.
   */
  static void configure(LoggerContext context, Map<String, String> environment) {
    context.reset();
    LevelChangePropagator propagator = new LevelChangePropagator();
    propagator.setContext(context);
    propagator.setResetJUL(true);
    propagator.start();
    context.addListener(propagator);

    String format = environment.getOrDefault("LOG_FORMAT", "text").trim();
    Encoder<ILoggingEvent> encoder;
    if (format.equalsIgnoreCase("json")) {
      LogstashEncoder json = new LogstashEncoder();
      json.setContext(context);
      json.start();
      encoder = json;
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setContext(context);
      text.setPattern(PATTERN);
      text.start();
      encoder = text;
    }
    String path = environment.get("LOG_PATH");
    OutputStreamAppender<ILoggingEvent> appender;
    if (path != null && !path.isBlank()) {
      FileAppender<ILoggingEvent> file = new FileAppender<>();
      file.setFile(path.trim());
      file.setAppend(true);
      appender = file;
    } else {
      ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
      console.setTarget("System.err");
      appender = console;
    }
    appender.setContext(context);
    appender.setName("rpa");
    appender.setEncoder(encoder);
    appender.start();

    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(level(environment.getOrDefault("LOG_LEVEL", "INFO")).orElse(Level.INFO));
    root.addAppender(appender);

    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }
}
