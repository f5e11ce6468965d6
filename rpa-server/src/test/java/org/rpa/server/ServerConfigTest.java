package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.server.ws.StreamLimits;

class ServerConfigTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  @TempDir Path secrets;

  @Test
  void takes_the_defaults_in_development_mode() {
    ServerConfig config = ServerConfig.from(Map.of("DEVELOPMENT_MODE", "true"), null);

    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isEqualTo(8620);
    assertThat(config.databaseUrl()).isEqualTo("jdbc:h2:file:./data/rpa");
    assertThat(config.jwtAlgorithm()).isEqualTo("HS256");
    assertThat(config.jwtExpiration()).hasMinutes(60);
    assertThat(config.jwtSecret().length()).isGreaterThanOrEqualTo(32);
  }

  @Test
  void refuses_an_unknown_algorithm_and_a_port_out_of_range() {
    assertThatThrownBy(
            () ->
                ServerConfig.from(
                    Map.of("DEVELOPMENT_MODE", "true", "JWT_ALGORITHM", "RS256", "PORT", "70000"),
                    null))
        .hasMessageContaining("JWT_ALGORITHM must be one of HS256, HS384, HS512, but was RS256")
        .hasMessageContaining("PORT must be between 0 and 65535, but was 70000");
  }

  @Test
  void reads_json_style_and_comma_separated_origin_lists() {
    ServerConfig config =
        ServerConfig.from(
            Map.of(
                "DEVELOPMENT_MODE",
                "true",
                "CORS_ORIGINS",
                "[\"http://localhost:3000\", \"http://127.0.0.1:3000\"]"),
            null);

    assertThat(config.corsOrigins())
        .isEqualTo(List.of("http://localhost:3000", "http://127.0.0.1:3000"));
  }

  @Test
  void reads_seed_002s_worker_count_and_poll_interval() {
    ServerConfig config =
        ServerConfig.from(
            Map.of("DEVELOPMENT_MODE", "true", "MAX_WORKERS", "10", "POLL_INTERVAL", "5"), null);

    assertThat(config.maxWorkers()).isEqualTo(10);
    assertThat(config.pollInterval()).hasSeconds(5);
    assertThatThrownBy(
            () -> ServerConfig.from(Map.of("DEVELOPMENT_MODE", "true", "MAX_WORKERS", "-1"), null))
        .hasMessageContaining("MAX_WORKERS must be between 0 and 1024, but was -1");
    assertThat(
            ServerConfig.from(Map.of("DEVELOPMENT_MODE", "true", "MAX_WORKERS", "0"), null)
                .runsJobs())
        .isFalse();
  }

  @Test
  void reads_the_prometheus_url_and_timeout_and_names_a_bad_url_without_its_password() {
    ServerConfig unset = ServerConfig.from(Map.of("DEVELOPMENT_MODE", "true"), null);
    assertThat(unset.prometheusUrl()).isNull();
    assertThat(unset.prometheusTimeout()).hasSeconds(5);

    ServerConfig config =
        ServerConfig.from(
            Map.of(
                "DEVELOPMENT_MODE", "true",
                "PROMETHEUS_URL", "http://prometheus:9090/",
                "PROMETHEUS_TIMEOUT", "2"),
            null);
    assertThat(config.prometheusUrl()).isEqualTo("http://prometheus:9090/");
    assertThat(config.prometheusTimeout()).hasSeconds(2);

    assertThatThrownBy(
            () ->
                ServerConfig.from(
                    Map.of(
                        "DEVELOPMENT_MODE", "true",
                        "PROMETHEUS_URL", "ftp://ops:s3cret@prometheus:9090",
                        "PROMETHEUS_TIMEOUT", "0"),
                    null))
        .hasMessageContaining(
            "PROMETHEUS_URL must be an http(s) URL without query or fragment, but was"
                + " ftp://***@prometheus:9090")
        .hasMessageNotContaining("s3cret")
        .hasMessageContaining("PROMETHEUS_TIMEOUT must be between 1 and 300, but was 0");
    assertThatThrownBy(
            () ->
                ServerConfig.from(
                    Map.of("DEVELOPMENT_MODE", "true", "PROMETHEUS_URL", "prometheus:9090"), null))
        .hasMessageContaining("PROMETHEUS_URL must be an http(s) URL");
  }

  @Test
  void reads_the_live_streams_limits_and_names_each_bad_one() {
    ServerConfig defaults = ServerConfig.from(Map.of("DEVELOPMENT_MODE", "true"), null);
    assertThat(defaults.streams()).isEqualTo(StreamLimits.DEFAULTS);
    assertThat(defaults.streams().queueSize()).isEqualTo(1_000);
    assertThat(defaults.streams().slowAfter()).hasSeconds(10);

    ServerConfig config =
        ServerConfig.from(
            Map.of(
                "DEVELOPMENT_MODE", "true",
                "WS_QUEUE_SIZE", "50",
                "WS_SLOW_CLIENT_SECONDS", "3",
                "WS_MAX_CONNECTIONS", "7"),
            null);
    assertThat(config.streams()).isEqualTo(new StreamLimits(50, Duration.ofSeconds(3), 7));

    assertThatThrownBy(
            () ->
                ServerConfig.from(
                    Map.of(
                        "DEVELOPMENT_MODE", "true",
                        "WS_QUEUE_SIZE", "5",
                        "WS_SLOW_CLIENT_SECONDS", "0",
                        "WS_MAX_CONNECTIONS", "many"),
                    null))
        .hasMessageContaining("WS_QUEUE_SIZE must be between 10 and 100000, but was 5")
        .hasMessageContaining("WS_SLOW_CLIENT_SECONDS must be between 1 and 3600, but was 0")
        .hasMessageContaining("WS_MAX_CONNECTIONS must be a number, but was many");
  }

  @Test
  void reads_the_browser_and_evidence_settings() {
    ServerConfig config =
        ServerConfig.from(
            Map.of(
                "DEVELOPMENT_MODE", "true",
                "BROWSER_IDLE_TIMEOUT", "3",
                "BROWSER_GRID_URL", "http://grid:4444",
                "BROWSER_MAX_SESSIONS", "4",
                "EVIDENCE_DIR", "/var/rpa/evidence"),
            null);

    assertThat(config.browserIdleTimeout()).hasMinutes(3);
    assertThat(config.browserGridUrl()).isEqualTo("http://grid:4444");
    assertThat(config.browserMaxSessions()).isEqualTo(4);
    assertThat(config.evidenceDirectory()).hasToString("/var/rpa/evidence");
    assertThatThrownBy(
            () ->
                ServerConfig.from(
                    Map.of(
                        "DEVELOPMENT_MODE", "true",
                        "BROWSER_IDLE_TIMEOUT", "soon",
                        "BROWSER_GRID_URL", "grid:4444"),
                    null))
        .hasMessageContaining("BROWSER_IDLE_TIMEOUT must be a number, but was soon")
        .hasMessageContaining("BROWSER_GRID_URL must be an http(s) URL, but was grid:4444");
  }

  @Test
  void passes_a_postgresql_url_through_for_the_orchestrator_to_check() {
    assertThat(
            ServerConfig.from(
                    Map.of("DEVELOPMENT_MODE", "true", "DATABASE_URL", "postgresql://u:p@db/rpa"),
                    null)
                .databaseUrl())
        .isEqualTo("postgresql://u:p@db/rpa");
  }

  @Test
  void log_level_takes_the_seeds_names_and_log_format_text_or_json() {
    assertThat(Logging.level("WARNING")).contains(ch.qos.logback.classic.Level.WARN);
    assertThat(Logging.level("debug")).contains(ch.qos.logback.classic.Level.DEBUG);
    assertThat(Logging.level("CRITICAL")).contains(ch.qos.logback.classic.Level.ERROR);
    assertThatThrownBy(
            () -> ServerConfig.from(Map.of("DEVELOPMENT_MODE", "true", "LOG_LEVEL", "LOUD"), null))
        .hasMessageContaining("LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARNING, ERROR,");
    assertThatThrownBy(
            () -> ServerConfig.from(Map.of("DEVELOPMENT_MODE", "true", "LOG_FORMAT", "xml"), null))
        .hasMessageContaining("LOG_FORMAT must be text or json, but was xml");
    assertThat(
            ServerConfig.from(Map.of("DEVELOPMENT_MODE", "true", "LOG_FORMAT", "JSON"), null)
                .developmentMode())
        .isTrue();
  }

  @Test
  void an_h2_file_database_is_left_for_the_server_to_close_at_exit() {
    assertThat(RpaServer.closedByServer("jdbc:h2:file:./data/rpa"))
        .isEqualTo("jdbc:h2:file:./data/rpa;DB_CLOSE_ON_EXIT=FALSE");
    assertThat(RpaServer.closedByServer("jdbc:h2:file:./x;db_close_on_exit=true"))
        .isEqualTo("jdbc:h2:file:./x;db_close_on_exit=true");
    assertThat(RpaServer.closedByServer("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
    assertThat(RpaServer.closedByServer("postgresql://u:p@db/rpa"))
        .isEqualTo("postgresql://u:p@db/rpa");
  }

  @Test
  void a_bad_database_url_is_named_without_its_password() {
    assertThatThrownBy(
            () ->
                ServerConfig.from(
                    Map.of(
                        "DEVELOPMENT_MODE", "true", "DATABASE_URL", "mysql://u:topsecret@db/rpa"),
                    null))
        .hasMessageContaining("DATABASE_URL must be an H2 or PostgreSQL JDBC URL")
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void the_alert_thresholds_default_to_the_cores_and_take_the_alert_keys() {
    assertThat(ServerConfig.from(Map.of("DEVELOPMENT_MODE", "true"), null).alerts())
        .isEqualTo(org.rpa.core.alert.AlertSettings.DEFAULTS);

    var alerts =
        ServerConfig.from(
                Map.of(
                    "DEVELOPMENT_MODE", "true",
                    "ALERT_MIN_SUCCESS_RATE", "95",
                    "ALERT_SUCCESS_RATE_WINDOW_MINUTES", "30",
                    "ALERT_QUIET_MINUTES", "2",
                    "ALERT_FAILURE_RATE_WARNING", "1",
                    "ALERT_FAILURE_RATE_CRITICAL", "3",
                    "ALERT_QUEUE_WARNING", "100",
                    "ALERT_QUEUE_CRITICAL", "500",
                    "ALERT_UTILIZATION_WARNING", "90"),
                null)
            .alerts();

    assertThat(alerts.minSuccessRatePercent()).isEqualTo(95);
    assertThat(alerts.successRateWindow()).isEqualTo(java.time.Duration.ofMinutes(30));
    assertThat(alerts.quietPeriod()).isEqualTo(java.time.Duration.ofMinutes(2));
    assertThat(alerts.thresholds())
        .isEqualTo(new org.rpa.core.health.Thresholds(1, 3, 100, 500, 90));
  }

  @Test
  void a_warning_threshold_above_its_critical_one_is_refused_by_name() {
    assertThatThrownBy(
            () ->
                ServerConfig.from(
                    Map.of(
                        "DEVELOPMENT_MODE", "true",
                        "ALERT_QUEUE_WARNING", "60",
                        "ALERT_QUEUE_CRITICAL", "50",
                        "ALERT_MIN_SUCCESS_RATE", "101"),
                    null))
        .hasMessageContaining("ALERT_QUEUE_WARNING 60 must not be above ALERT_QUEUE_CRITICAL 50")
        .hasMessageContaining("ALERT_MIN_SUCCESS_RATE must be between 0 and 100, but was 101");
  }
}
