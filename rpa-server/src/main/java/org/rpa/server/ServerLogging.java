package org.rpa.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The server jar's Logback configuration, found by Logback through the service loader when the
 * first logger is created: text lines with timestamp, level, thread and logger on stderr by
 * default; JSON lines with {@code LOG_FORMAT=json}; the file {@code LOG_PATH} instead of stderr;
 * the root level from {@code LOG_LEVEL}; java.util.logging bridged. A job's id and attempt are on
 * every line its handler logs (the MDC keys {@code job_id} and {@code attempt}).
 *
 * <p>{@code -Dlogback.configurationFile=...} replaces all of it with the given file.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ServerLogging extends ContextAwareBase implements Configurator {
  /** Called by Logback. */
  public ServerLogging() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    Logging.configure(context, System.getenv());
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
