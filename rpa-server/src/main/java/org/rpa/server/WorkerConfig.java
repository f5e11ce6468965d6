package org.rpa.server;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rpa.core.OrchestratorSettings;
import org.rpa.server.security.ClientAddress;
import org.rpa.server.security.IpAllowList;

/**
 * The settings of remote workers, on both sides: the worker service ({@code rpa-server.jar worker})
 * and the orchestrator that sends it jobs. Read from the environment and {@code SECRETS_DIR} like
 * {@link ServerConfig}; {@code docs/configuration.md} lists every key.
 *
 * @param workerUrls the worker services the orchestrator sends jobs to
 * @param workerTimeout the timeout of every call to a worker, and of every callback
 * @param authToken the shared token both sides send as {@code Authorization: Bearer}; null in
 *     DEVELOPMENT_MODE when unset (no check)
 * @param port the worker service's port, {@code WORKER_PORT}: not {@code PORT}, which is the
 *     orchestrator's, so that both services can share one environment on one host
 * @param orchestratorUrl where a worker reports results ({@code /callbacks/job-complete})
 * @param maxConcurrent {@code MAX_WORKERS}: a worker's capacity (1 or more for a worker service)
 * @param leaseLength how long an executor's lease (a remote worker's too) lasts unrenewed
 * @param heartbeatInterval how often leases are renewed and workers probed
 * @param executorRetention how long the row of an executor that stopped stays in the fleet
 * @param demoHandlers whether the {@code demo.echo} and {@code demo.sleep} job types exist
 * @param callbackEndpoint where finished jobs are reported; null for nowhere
 * @param callbackAuthToken sent as {@code Authorization: Bearer} to it; null for none
 * @param clientAddress who a caller is, given {@code TRUSTED_PROXIES}: checked against {@code
 *     allowList}
 */
public record WorkerConfig(
    String host,
    int port,
    boolean developmentMode,
    List<String> workerUrls,
    Duration workerTimeout,
    String authToken,
    IpAllowList allowList,
    String orchestratorUrl,
    int maxConcurrent,
    Duration leaseLength,
    Duration heartbeatInterval,
    Duration executorRetention,
    Duration breakerOpenWait,
    boolean demoHandlers,
    boolean seleniumCheck,
    String callbackEndpoint,
    String callbackAuthToken,
    Duration callbackTimeout,
    Duration callbackMaxBackoff,
    ClientAddress clientAddress) {
  public static final int DEFAULT_PORT = 8621;
  public static final int DEFAULT_WORKER_TIMEOUT_SECONDS = 30;
  public static final String DEFAULT_ORCHESTRATOR_URL = "http://127.0.0.1:8620";
  public static final List<String> DEFAULT_AUTHORIZED_IPS = List.of("127.0.0.1", "::1");
  public static final int MIN_TOKEN_LENGTH = 16;

  public WorkerConfig {
    workerUrls = List.copyOf(workerUrls);
  }

  /** Reads {@code System.getenv()}-style variables, and the files under {@code SECRETS_DIR}. */
  public static WorkerConfig fromEnvironment(Map<String, String> environment) {
    String directory = environment.get("SECRETS_DIR");
    Path secrets =
        directory == null || directory.isBlank() || !Files.isDirectory(Path.of(directory.trim()))
            ? null
            : Path.of(directory.trim());
    return from(environment, secrets);
  }

  /**
   * Reads and validates every key.
   *
   * @throws IllegalArgumentException naming every bad value, one per line
   */
  public static WorkerConfig from(Map<String, String> environment, Path secretsDirectory) {
    Settings settings = new Settings(environment, secretsDirectory);
    boolean development = settings.bool("DEVELOPMENT_MODE", false);
    List<String> urls = new ArrayList<>();
    for (String url : settings.list("WORKER_URLS", List.of())) {
      urls.add(checkUrl(settings, "WORKER_URLS", url));
    }
    String token = settings.value("WORKER_AUTH_TOKEN").orElse(null);
    if (token != null && token.length() < MIN_TOKEN_LENGTH && !development) {
      settings.problem(
          "WORKER_AUTH_TOKEN must be at least "
              + MIN_TOKEN_LENGTH
              + " characters outside"
              + " DEVELOPMENT_MODE");
    }
    IpAllowList allowList;
    try {
      allowList = IpAllowList.parse(settings.list("AUTHORIZED_WORKER_IPS", DEFAULT_AUTHORIZED_IPS));
    } catch (IllegalArgumentException e) {
      settings.problem(e.getMessage());
      allowList = IpAllowList.parse(DEFAULT_AUTHORIZED_IPS);
    }
    int heartbeat =
        settings.integer(
            "HEARTBEAT_INTERVAL_SECONDS",
            (int) OrchestratorSettings.DEFAULT_HEARTBEAT.toSeconds(),
            1,
            3_600);
    int lease =
        settings.integer(
            "LEASE_LENGTH_SECONDS",
            (int) OrchestratorSettings.DEFAULT_LEASE.toSeconds(),
            2,
            86_400);
    if (lease < 2 * heartbeat) {
      settings.problem(
          "LEASE_LENGTH_SECONDS must be at least twice HEARTBEAT_INTERVAL_SECONDS, but was "
              + lease);
    }
    var config =
        new WorkerConfig(
            settings.string("WORKER_HOST", ServerConfig.DEFAULT_HOST),
            settings.integer("WORKER_PORT", DEFAULT_PORT, 0, 65_535),
            development,
            urls,
            Duration.ofSeconds(
                settings.integer("WORKER_TIMEOUT", DEFAULT_WORKER_TIMEOUT_SECONDS, 1, 3_600)),
            token,
            allowList,
            checkUrl(
                settings,
                "ORCHESTRATOR_URL",
                settings.string("ORCHESTRATOR_URL", DEFAULT_ORCHESTRATOR_URL)),
            // 0 is the orchestrator's queue-only mode; a worker service needs 1 or more
            // (requireCapacity).
            settings.integer("MAX_WORKERS", OrchestratorSettings.DEFAULT_CONCURRENCY, 0, 1_024),
            Duration.ofSeconds(lease),
            Duration.ofSeconds(heartbeat),
            Duration.ofHours(
                settings.integer(
                    "EXECUTOR_RETENTION_HOURS",
                    (int) OrchestratorSettings.DEFAULT_EXECUTOR_RETENTION.toHours(),
                    1,
                    8_760)),
            Duration.ofSeconds(settings.integer("WORKER_BREAKER_OPEN_SECONDS", 30, 1, 3_600)),
            settings.bool("WORKER_DEMO_HANDLERS", false),
            settings.bool("SELENIUM_CHECK", true),
            settings
                .value("CALLBACK_ENDPOINT")
                .map(url -> checkUrl(settings, "CALLBACK_ENDPOINT", url))
                .orElse(null),
            settings.value("CALLBACK_AUTH_TOKEN").orElse(null),
            Duration.ofSeconds(settings.integer("CALLBACK_TIMEOUT", 10, 1, 3_600)),
            Duration.ofSeconds(settings.integer("CALLBACK_RETRY_MAX_SECONDS", 60, 1, 86_400)),
            settings.trustedProxies());
    if (!settings.problems().isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid configuration:\n  " + String.join("\n  ", settings.problems()));
    }
    return config;
  }

  /**
   * Checks that a worker or orchestrator talking to the other has a token outside DEVELOPMENT_MODE.
   *
   * @throws IllegalArgumentException when it has none
   */
  public void requireToken(String role) {
    if (authToken == null && !developmentMode) {
      throw new IllegalArgumentException(
          "Invalid configuration:\n  WORKER_AUTH_TOKEN must be set outside DEVELOPMENT_MODE when "
              + role);
    }
  }

  /**
   * Checks, for a worker service, that it may run at least one job at once: {@code MAX_WORKERS=0}
   * means "queue only" on an orchestrator and makes no sense for a worker.
   *
   * @throws IllegalArgumentException when {@code MAX_WORKERS} is 0
   */
  public void requireCapacity() {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException(
          "Invalid configuration:\n  MAX_WORKERS must be between 1 and 1024 for a worker, but was "
              + maxConcurrent);
    }
  }

  /**
   * Checks, for the orchestrator, that {@code WORKER_URLS} comes with a token outside
   * DEVELOPMENT_MODE.
   *
   * @throws IllegalArgumentException when it does not
   */
  public void requireTokenForWorkers() {
    if (!workerUrls.isEmpty()) {
      requireToken("WORKER_URLS is set");
    }
  }

  private static String checkUrl(Settings settings, String key, String url) {
    String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    try {
      URI uri = URI.create(trimmed);
      if (uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
        settings.problem(key + " must hold http(s)://host:port URLs, but was " + url);
      }
    } catch (IllegalArgumentException e) {
      settings.problem(key + " must hold http(s)://host:port URLs, but was " + url);
    }
    return trimmed;
  }

  @Override
  public String toString() {
    return "WorkerConfig[host=%s, port=%d, workerUrls=%s, workerTimeout=%s, token=%s, allowList=%s,"
            .formatted(
                host,
                port,
                workerUrls,
                workerTimeout,
                authToken == null ? "none" : "***",
                allowList)
        + " orchestratorUrl=%s, maxConcurrent=%d, lease=%s, heartbeat=%s]"
            .formatted(orchestratorUrl, maxConcurrent, leaseLength, heartbeatInterval);
  }
}
