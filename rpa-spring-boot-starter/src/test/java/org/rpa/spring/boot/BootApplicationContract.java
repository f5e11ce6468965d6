package org.rpa.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rpa.core.Orchestrator;
import org.rpa.core.dispatch.Fleet;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.spring.boot.app.OrdersApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real Boot application (embedded Tomcat on a free loopback port, the actuator, its own Flyway
 * scripts) with the starter, on the database that {@link #jdbcUrl()} names.
 */
abstract class BootApplicationContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A database no application has used yet. */
  abstract String jdbcUrl();

  private ConfigurableApplicationContext start() {
    return start("orders-app");
  }

  private ConfigurableApplicationContext start(String executorName, Class<?>... more) {
    return new SpringApplicationBuilder(OrdersApplication.class)
        .sources(more)
        .properties(
            "spring.datasource.url=" + jdbcUrl(),
            "spring.main.banner-mode=off",
            "server.address=127.0.0.1",
            "server.port=0",
            "management.endpoint.health.show-details=always",
            "rpa.executor-name=" + executorName,
            "rpa.concurrency=2")
        .run();
  }

  // Flyway quotes its history tables' names (lower case on H2 too), so these queries quote them.
  @Test
  void its_flyway_migrates_first_and_the_cores_beside_it_each_with_its_own_history() {
    String first;
    try (var context = start()) {
      var jdbc = context.getBean(JdbcTemplate.class);
      assertThat(
              jdbc.queryForList(
                  "select \"version\" from \"flyway_schema_history\""
                      + " where \"version\" is not null and \"success\"",
                  String.class))
          .containsExactly("1");
      // The core found the application's table there first: it baselined at 0, then migrated.
      assertThat(
              jdbc.queryForList(
                  "select \"type\" from \"rpa_schema_history\" where \"version\" = '0'",
                  String.class))
          .containsExactly("BASELINE");
      assertThat(
              jdbc.queryForList(
                  "select \"script\" from \"rpa_schema_history\" where \"success\"", String.class))
          .contains("V1__jobs.sql", "V17__supervisor_restarts.sql")
          .doesNotContain("V1__orders.sql");
      first = historyRows(jdbc);
    }
    // A second start finds both schemas migrated and changes neither history.
    try (var context = start()) {
      var jdbc = context.getBean(JdbcTemplate.class);
      assertThat(historyRows(jdbc)).isEqualTo(first);
      assertThat(jdbc.queryForObject("select count(*) from orders", Integer.class)).isEqualTo(1);
    }
  }

  private static String historyRows(JdbcTemplate jdbc) {
    return jdbc.queryForObject("select count(*) from \"flyway_schema_history\"", Integer.class)
        + " / "
        + jdbc.queryForObject("select count(*) from \"rpa_schema_history\"", Integer.class);
  }

  @Test
  void a_handler_bean_runs_a_job_to_completed_on_the_applications_own_table() throws Exception {
    try (var context = start()) {
      Orchestrator rpa = context.getBean(Orchestrator.class);
      assertThat(rpa.isStarted()).isTrue();
      assertThat(rpa.executorId()).isEqualTo("orders-app");

      JobId id = rpa.jobs().submit(JobRequest.of("orders", "confirm").param("orderId", 1));
      Job done = rpa.jobs().await(id, Duration.ofSeconds(30));

      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(done.result()).containsEntry("confirmed", 1);
      assertThat(
              context
                  .getBean(JdbcTemplate.class)
                  .queryForObject("select status from orders where id = 1", String.class))
          .isEqualTo("CONFIRMED");
    }
  }

  @Test
  void actuator_health_reports_the_rpa_component_over_http() throws Exception {
    try (var context = start()) {
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode rpa = JSON.readTree(response.body()).path("components").path("rpa");
      assertThat(rpa.path("status").asText()).as(response.body()).isEqualTo("UP");
      assertThat(rpa.path("details").path("status").asText()).isIn("healthy", "degraded");
      JsonNode components = rpa.path("details").path("components");
      for (String critical : new String[] {"database", "executors", "dispatcher"}) {
        assertThat(components.path(critical).path("status").asText())
            .as(critical + " in " + response.body())
            .isEqualTo("healthy");
        assertThat(components.path(critical).path("critical").asBoolean()).isTrue();
      }
    }
  }

  @Test
  void closing_the_context_closes_the_orchestrator_and_ends_its_lease() {
    Orchestrator first;
    try (var context = start("orders-app-1")) {
      first = context.getBean(Orchestrator.class);
      assertThat(first.isStarted()).isTrue();
    }
    assertThat(first.health().live()).isFalse();

    try (var context = start("orders-app-2")) {
      var states =
          context.getBean(Orchestrator.class).fleet().executors().stream()
              .collect(Collectors.toMap(Fleet.Member::id, Fleet.Member::state));
      assertThat(states)
          .containsEntry("orders-app-1", Fleet.State.OFFLINE)
          .containsEntry("orders-app-2", Fleet.State.IDLE);
    }
  }

  @Test
  void the_orchestrator_starts_before_the_web_server_and_stops_after_it() {
    try (var context = start()) {
      int rpa = context.getBean(RpaLifecycle.class).getPhase();
      assertThat(context.getBean("webServerStartStop", SmartLifecycle.class).getPhase())
          .isGreaterThan(rpa);
      assertThat(context.getBean("webServerGracefulShutdown", SmartLifecycle.class).getPhase())
          .isGreaterThan(rpa);
    }
  }

  @Test
  void a_job_running_when_the_context_closes_completes_before_the_orchestrator_stops()
      throws Exception {
    JobId id;
    try (var context = start("orders-app-1", DrainProbe.class)) {
      id = context.getBean(Orchestrator.class).jobs().submit(JobRequest.of("orders", "slow"));
      assertThat(context.getBean(DrainProbe.class).started.await(30, TimeUnit.SECONDS)).isTrue();
    }
    try (var context = start("orders-app-2")) {
      Job job = context.getBean(Orchestrator.class).jobs().get(id);
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(job.attempts()).isEqualTo(1);
    }
  }
}
