package org.rpa.server;

import io.javalin.util.JavalinBindException;
import java.net.BindException;
import java.sql.SQLException;
import org.rpa.core.store.Databases;

/** The one line that says why the server could not start, from what start-up threw. */
final class StartupFailure {
  private StartupFailure() {}

  /**
   * Names the cause a user can act on: the port in use, the database that cannot be reached (its
   * URL without the password), or else the deepest exception's message.
   *
   * @param config the configuration start-up read, or null (the worker's)
   */
  static String describe(Throwable failure, ServerConfig config) {
    Throwable root = failure;
    boolean bind = false;
    boolean database = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      bind |= t instanceof JavalinBindException || t instanceof BindException;
      database |= t instanceof SQLException || t.getClass().getName().startsWith("com.zaxxer.");
      root = t;
    }
    String because = message(root);
    if (bind) {
      String where = config == null ? "its port" : config.host() + ":" + config.port();
      return "cannot listen on " + where + " (" + because + "): is another process using the port?";
    }
    if (database) {
      String url = config == null ? "" : " " + Databases.redact(config.databaseUrl());
      return "cannot open the database" + url + ": " + because;
    }
    return because;
  }

  private static String message(Throwable t) {
    String message = t.getMessage();
    String text =
        message == null || message.isBlank()
            ? t.getClass().getSimpleName()
            : t.getClass().getSimpleName() + ": " + message.strip();
    // One line, and never a password a driver may have echoed.
    return Databases.redact(text.replaceAll("\\s*\\R\\s*", " "));
  }
}
