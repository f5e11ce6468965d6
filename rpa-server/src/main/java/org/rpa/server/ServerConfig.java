package org.rpa.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.OrchestratorSettings;
import org.rpa.core.alert.AlertSettings;
import org.rpa.core.store.Databases;
import org.rpa.server.security.ClientAddress;
import org.rpa.server.security.ConfiguredUser;
import org.rpa.server.security.PasswordPolicy;
import org.rpa.server.ws.StreamLimits;

/**
 * The server's configuration, read from environment variables and from a secrets directory ({@code
 * SECRETS_DIR}, one file per key). {@code docs/configuration.md} lists every key.
 *
 * <p>Outside {@code DEVELOPMENT_MODE} the server refuses the default admin password, an admin
 * password that {@link PasswordPolicy} refuses (shorter than 12 characters, or a documented
 * example) and a JWT secret shorter than 256 bits. {@link #toString()} never shows a secret.
 */
public record ServerConfig(
    String host,
    int port,
    String databaseUrl,
    boolean developmentMode,
    String jwtSecret,
    String jwtAlgorithm,
    Duration jwtExpiration,
    String jwtIssuer,
    String adminUsername,
    String adminPassword,
    List<String> corsOrigins,
    boolean corsAllowCredentials,
    Path sslCertPath,
    Path sslKeyPath,
    int rateLimitPerMinute,
    int loginMaxFailures,
    Duration loginLockout,
    int maxRequestBytes,
    int maxConnections,
    String dataProtectionContact,
    int screenshotRetentionDays,
    int metricsRetentionDays,
    int maxWorkers,
    Duration pollInterval,
    Path secretsDirectory,
    Path evidenceDirectory,
    String browserGridUrl,
    Duration browserIdleTimeout,
    int browserMaxSessions,
    Path chromiumPath,
    Path chromedriverPath,
    List<ConfiguredUser> users,
    ClientAddress clientAddress,
    AlertSettings alerts,
    String prometheusUrl,
    Duration prometheusTimeout,
    Duration healthProbeInterval,
    Duration healthProbeTimeout,
    StreamLimits streams,
    Duration shutdownDelay,
    Duration shutdownTimeout) {
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8620;
  public static final String DEFAULT_DATABASE_URL = "jdbc:h2:file:./data/rpa";
  public static final String DEFAULT_ADMIN_USERNAME = "admin";
  public static final String DEFAULT_ADMIN_PASSWORD = "admin";
  public static final String DEFAULT_JWT_ALGORITHM = "HS256";
  public static final int DEFAULT_JWT_EXPIRATION_MINUTES = 60;
  public static final String DEFAULT_JWT_ISSUER = "rpa-orchestrator";
  public static final int MIN_SECRET_BYTES = 32;
  public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
  public static final int DEFAULT_LOGIN_MAX_FAILURES = 5;
  public static final int DEFAULT_LOGIN_LOCKOUT_MINUTES = 15;
  public static final int DEFAULT_MAX_REQUEST_BYTES = 1_048_576;
  public static final int DEFAULT_MAX_CONNECTIONS = 2_000;
  public static final String DEFAULT_DATA_PROTECTION_CONTACT = "dataprotection@example.com";
  public static final int DEFAULT_SCREENSHOT_RETENTION_DAYS = 30;
  public static final String DEFAULT_EVIDENCE_DIR = "./data/evidence";
  public static final int DEFAULT_BROWSER_IDLE_TIMEOUT_MINUTES = 10;
  public static final int DEFAULT_BROWSER_MAX_SESSIONS = 2;
  public static final String DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";
  public static final String DEFAULT_CHROMEDRIVER_PATH = "/usr/bin/chromedriver";
  public static final int DEFAULT_PROMETHEUS_TIMEOUT_SECONDS = 5;
  public static final int DEFAULT_HEALTH_PROBE_INTERVAL_SECONDS = 30;
  public static final int DEFAULT_HEALTH_PROBE_TIMEOUT_SECONDS = 2;
  public static final int DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 30;
  private static final Set<String> ALGORITHMS = Set.of("HS256", "HS384", "HS512");

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(databaseUrl, "databaseUrl");
    Objects.requireNonNull(jwtSecret, "jwtSecret");
    corsOrigins = List.copyOf(corsOrigins);
    Objects.requireNonNull(evidenceDirectory, "evidenceDirectory");
    Objects.requireNonNull(browserIdleTimeout, "browserIdleTimeout");
    Objects.requireNonNull(chromiumPath, "chromiumPath");
    Objects.requireNonNull(chromedriverPath, "chromedriverPath");
    users = List.copyOf(users);
    Objects.requireNonNull(clientAddress, "clientAddress");
    Objects.requireNonNull(prometheusTimeout, "prometheusTimeout");
    Objects.requireNonNull(healthProbeInterval, "healthProbeInterval");
    Objects.requireNonNull(shutdownDelay, "shutdownDelay");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    Objects.requireNonNull(healthProbeTimeout, "healthProbeTimeout");
    Objects.requireNonNull(streams, "streams");
  }

  /** Reads {@code System.getenv()}-style variables, and the files under {@code SECRETS_DIR}. */
  public static ServerConfig fromEnvironment(Map<String, String> environment) {
    String directory = environment.get("SECRETS_DIR");
    return from(
        environment, directory == null || directory.isBlank() ? null : Path.of(directory.trim()));
  }

  /**
   * Reads and validates every key.
   *
   * @throws IllegalArgumentException naming every bad value, one per line
   */
  public static ServerConfig from(Map<String, String> environment, Path secretsDirectory) {
    if (secretsDirectory != null && !Files.isDirectory(secretsDirectory)) {
      throw new IllegalArgumentException(
          "SECRETS_DIR must be a directory, but was " + secretsDirectory);
    }
    Settings settings = new Settings(environment, secretsDirectory);
    boolean development = settings.bool("DEVELOPMENT_MODE", false);
    String host = settings.string("HOST", settings.string("ORCHESTRATOR_HOST", DEFAULT_HOST));
    int port =
        settings.integer(
            "PORT", settings.integer("ORCHESTRATOR_PORT", DEFAULT_PORT, 0, 65_535), 0, 65_535);
    String algorithm = settings.string("JWT_ALGORITHM", DEFAULT_JWT_ALGORITHM);
    if (!ALGORITHMS.contains(algorithm)) {
      settings.problem("JWT_ALGORITHM must be one of HS256, HS384, HS512, but was " + algorithm);
    }
    String secret = jwtSecret(settings, development);
    String adminUser = settings.string("ADMIN_USERNAME", DEFAULT_ADMIN_USERNAME);
    String adminPassword = settings.string("ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD);
    if (!development && adminPassword.equals(DEFAULT_ADMIN_PASSWORD)) {
      settings.problem(
          "ADMIN_PASSWORD must be set to something other than the default outside"
              + " DEVELOPMENT_MODE");
    } else if (!development) {
      PasswordPolicy.problem("ADMIN_PASSWORD", adminPassword).ifPresent(settings::problem);
    }
    if (adminPassword.getBytes(StandardCharsets.UTF_8).length > 72) {
      settings.problem("ADMIN_PASSWORD must be at most 72 bytes in UTF-8 (bcrypt's limit)");
    }
    List<String> origins = settings.list("CORS_ORIGINS", List.of());
    boolean credentials = settings.bool("CORS_ALLOW_CREDENTIALS", false);
    if (origins.contains("*") && credentials) {
      settings.problem(
          "CORS_ORIGINS must list exact origins when CORS_ALLOW_CREDENTIALS is true, but was *");
    }
    Path cert = settings.value("SSL_CERT_PATH").map(Path::of).orElse(null);
    Path key = settings.value("SSL_KEY_PATH").map(Path::of).orElse(null);
    checkTls(settings, cert, key);
    settings
        .value("LOG_LEVEL")
        .filter(level -> Logging.level(level).isEmpty())
        .ifPresent(
            level ->
                settings.problem(
                    "LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL, but was "
                        + level));
    settings
        .value("LOG_FORMAT")
        .filter(format -> !Logging.isFormat(format))
        .ifPresent(
            format -> settings.problem("LOG_FORMAT must be text or json, but was " + format));
    String grid = settings.value("BROWSER_GRID_URL").orElse(null);
    if (grid != null && !grid.matches("(?i)^https?://[^\\s/]+.*$")) {
      settings.problem("BROWSER_GRID_URL must be an http(s) URL, but was " + grid);
    }
    String prometheus = prometheusUrl(settings);
    List<ConfiguredUser> users =
        ConfiguredUser.parse(
            settings.string("RPA_USERS", ""), development, Set.of(adminUser), settings::problem);
    ServerConfig config =
        new ServerConfig(
            host,
            port,
            databaseUrl(settings),
            development,
            secret,
            algorithm,
            Duration.ofMinutes(
                settings.integer(
                    "JWT_EXPIRATION_MINUTES", DEFAULT_JWT_EXPIRATION_MINUTES, 1, 10_080)),
            settings.string("JWT_ISSUER", DEFAULT_JWT_ISSUER),
            adminUser,
            adminPassword,
            origins,
            credentials,
            cert,
            key,
            settings.integer("RATE_LIMIT_PER_MINUTE", DEFAULT_RATE_LIMIT_PER_MINUTE, 0, 1_000_000),
            settings.integer("LOGIN_MAX_FAILURES", DEFAULT_LOGIN_MAX_FAILURES, 1, 1_000),
            Duration.ofMinutes(
                settings.integer("LOGIN_LOCKOUT_MINUTES", DEFAULT_LOGIN_LOCKOUT_MINUTES, 1, 1_440)),
            settings.integer("MAX_REQUEST_BYTES", DEFAULT_MAX_REQUEST_BYTES, 1_024, 64 * 1_048_576),
            settings.integer("MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS, 1, 100_000),
            settings.string("DATA_PROTECTION_CONTACT", DEFAULT_DATA_PROTECTION_CONTACT),
            settings.integer(
                "SCREENSHOT_RETENTION_DAYS", DEFAULT_SCREENSHOT_RETENTION_DAYS, 1, 3_650),
            settings.integer(
                "METRICS_RETENTION_DAYS",
                (int) OrchestratorSettings.DEFAULT_METRICS_RETENTION.toDays(),
                1,
                3_650),
            settings.integer("MAX_WORKERS", OrchestratorSettings.DEFAULT_CONCURRENCY, 0, 1_024),
            Duration.ofSeconds(
                settings.integer(
                    "POLL_INTERVAL",
                    (int) OrchestratorSettings.DEFAULT_POLL_INTERVAL.toSeconds(),
                    1,
                    3_600)),
            secretsDirectory,
            Path.of(settings.string("EVIDENCE_DIR", DEFAULT_EVIDENCE_DIR)),
            grid,
            Duration.ofMinutes(
                settings.integer(
                    "BROWSER_IDLE_TIMEOUT", DEFAULT_BROWSER_IDLE_TIMEOUT_MINUTES, 1, 1_440)),
            settings.integer("BROWSER_MAX_SESSIONS", DEFAULT_BROWSER_MAX_SESSIONS, 1, 64),
            Path.of(settings.string("CHROMIUM_PATH", DEFAULT_CHROMIUM_PATH)),
            Path.of(settings.string("CHROMEDRIVER_PATH", DEFAULT_CHROMEDRIVER_PATH)),
            users,
            settings.trustedProxies(),
            AlertKeys.read(settings),
            prometheus,
            Duration.ofSeconds(
                settings.integer("PROMETHEUS_TIMEOUT", DEFAULT_PROMETHEUS_TIMEOUT_SECONDS, 1, 300)),
            Duration.ofSeconds(
                settings.integer(
                    "HEALTH_PROBE_INTERVAL_SECONDS",
                    DEFAULT_HEALTH_PROBE_INTERVAL_SECONDS,
                    1,
                    3_600)),
            Duration.ofSeconds(
                settings.integer(
                    "HEALTH_PROBE_TIMEOUT_SECONDS", DEFAULT_HEALTH_PROBE_TIMEOUT_SECONDS, 1, 60)),
            streamLimits(settings),
            Duration.ofSeconds(settings.integer("SHUTDOWN_DELAY_SECONDS", 0, 0, 300)),
            Duration.ofSeconds(
                settings.integer(
                    "SHUTDOWN_TIMEOUT_SECONDS", DEFAULT_SHUTDOWN_TIMEOUT_SECONDS, 1, 3_600)));
    if (!settings.problems().isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid configuration:\n  " + String.join("\n  ", settings.problems()));
    }
    return config;
  }

  /** Whether this process runs jobs itself ({@code MAX_WORKERS} above 0) or only queues them. */
  public boolean runsJobs() {
    return maxWorkers > 0;
  }

  /** Whether HTTPS is configured. */
  public boolean tls() {
    return sslCertPath != null;
  }

  private static StreamLimits streamLimits(Settings settings) {
    return new StreamLimits(
        settings.integer("WS_QUEUE_SIZE", StreamLimits.DEFAULT_QUEUE_SIZE, 10, 100_000),
        Duration.ofSeconds(
            settings.integer(
                "WS_SLOW_CLIENT_SECONDS", StreamLimits.DEFAULT_SLOW_AFTER_SECONDS, 1, 3_600)),
        settings.integer("WS_MAX_CONNECTIONS", StreamLimits.DEFAULT_MAX_CONNECTIONS, 1, 100_000));
  }

  private static String jwtSecret(Settings settings, boolean development) {
    String secret =
        settings.value("JWT_SECRET").or(() -> settings.value("JWT_SECRET_KEY")).orElse(null);
    if (secret == null && development) {
      byte[] random = new byte[MIN_SECRET_BYTES];
      new SecureRandom().nextBytes(random);
      return Base64.getEncoder().encodeToString(random);
    }
    if (secret == null) {
      settings.problem("JWT_SECRET (or JWT_SECRET_KEY) must be set outside DEVELOPMENT_MODE");
      return "";
    }
    int length = secret.getBytes(StandardCharsets.UTF_8).length;
    if (!development && length < MIN_SECRET_BYTES) {
      settings.problem(
          "JWT_SECRET must be at least 256 bits (32 bytes) outside DEVELOPMENT_MODE, but was "
              + length * 8
              + " bits");
    }
    return secret;
  }

  private static String databaseUrl(Settings settings) {
    String url = settings.string("DATABASE_URL", DEFAULT_DATABASE_URL);
    try {
      Databases.jdbcUrl(url);
    } catch (InvalidRequestException e) {
      // Never echo the URL: it may carry a password.
      settings.problem(
          "DATABASE_URL must be an H2 or PostgreSQL JDBC URL, or postgresql://user:pass@host:port/db,"
              + " but was "
              + Databases.redact(url));
    }
    return url;
  }

  /** The Prometheus server's URL, or null; a bad one is named without its credentials. */
  private static String prometheusUrl(Settings settings) {
    String url = settings.value("PROMETHEUS_URL").orElse(null);
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      if (uri.getScheme() != null
          && uri.getScheme().matches("(?i)https?")
          && uri.getHost() != null
          && uri.getQuery() == null
          && uri.getFragment() == null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // named below
    }
    settings.problem(
        "PROMETHEUS_URL must be an http(s) URL without query or fragment, but was "
            + url.replaceAll("//[^/@]*@", "//***@"));
    return null;
  }

  private static void checkTls(Settings settings, Path cert, Path key) {
    if ((cert == null) != (key == null)) {
      settings.problem("SSL_CERT_PATH and SSL_KEY_PATH must be set together, or neither");
      return;
    }
    if (cert != null && !Files.isReadable(cert)) {
      settings.problem("SSL_CERT_PATH must be a readable PEM file, but was " + cert);
    }
    if (key != null && !Files.isReadable(key)) {
      settings.problem("SSL_KEY_PATH must be a readable PEM file, but was " + key);
    }
  }

  @Override
  public String toString() {
    return "ServerConfig[host=%s, port=%d, developmentMode=%s, jwtAlgorithm=%s, jwtExpiration=%s,"
            .formatted(host, port, developmentMode, jwtAlgorithm, jwtExpiration)
        + " adminUsername=%s, corsOrigins=%s, tls=%s, rateLimitPerMinute=%d,"
            .formatted(adminUsername, corsOrigins, tls(), rateLimitPerMinute)
        + " users=%s, evidenceDirectory=%s, browser=%s, trustedProxies=%s, prometheus=%s]"
            .formatted(
                users,
                evidenceDirectory,
                browserGridUrl == null ? "local" : "grid",
                clientAddress,
                prometheusUrl == null ? "unset" : "set");
  }
}
