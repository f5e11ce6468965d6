package org.rpa.server;

import java.util.Map;
import java.util.Objects;

/**
 * The server's configuration, read from environment variables (never from code).
 *
 * @param host the interface to listen on ({@code HOST}, default {@value #DEFAULT_HOST})
 * @param port the HTTP port ({@code PORT}, default {@value #DEFAULT_PORT}; 0 picks a free one)
 * @param databaseUrl an H2 or PostgreSQL JDBC URL, or {@code postgresql://user:pass@host/db}
 *     ({@code DATABASE_URL}, default {@value #DEFAULT_DATABASE_URL})
 */
public record ServerConfig(String host, int port, String databaseUrl) {
  public static final String HOST = "HOST";
  public static final String PORT = "PORT";
  public static final String DATABASE_URL = "DATABASE_URL";
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8620;
  public static final String DEFAULT_DATABASE_URL = "jdbc:h2:file:./data/rpa";

  /**
   * @throws IllegalArgumentException if a value is out of range
   */
  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(databaseUrl, "databaseUrl");
    if (host.isBlank()) {
      throw new IllegalArgumentException("HOST must not be blank, but was '" + host + "'");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("PORT must be between 0 and 65535, but was " + port);
    }
    if (databaseUrl.isBlank()) {
      throw new IllegalArgumentException("DATABASE_URL must not be blank");
    }
  }

  /**
   * Reads the configuration from {@code environment}, such as {@code System.getenv()}; a missing or
   * blank variable takes its default.
   *
   * @throws IllegalArgumentException if a value is malformed or out of range
   */
  public static ServerConfig fromEnvironment(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    return new ServerConfig(
        valueOr(environment, HOST, DEFAULT_HOST),
        parsePort(valueOr(environment, PORT, String.valueOf(DEFAULT_PORT))),
        valueOr(environment, DATABASE_URL, DEFAULT_DATABASE_URL));
  }

  private static String valueOr(Map<String, String> environment, String key, String fallback) {
    String value = environment.get(key);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static int parsePort(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("PORT must be a number, but was " + value, e);
    }
  }
}
