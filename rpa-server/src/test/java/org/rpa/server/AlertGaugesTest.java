package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rpa.core.metrics.Gauge;
import org.rpa.server.http.ServerMeters;

/**
 * The gauges the shipped alert rules read, on a real server: in the text, and when the store goes
 * (the scrape still answers, with the database down).
 */
class AlertGaugesTest {
  @Test
  void the_database_gauge_drops_to_0_when_the_store_is_gone() throws Exception {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (Connection holder = DriverManager.getConnection(url);
        var server = new TestServer(Map.of("DATABASE_URL", url + ";IFEXISTS=TRUE"))) {
      assertThat(gauge(server, AlertGauges.DATABASE_UP).read()).isEqualTo(1.0);
      assertThat(server.get("/metrics/prometheus", null).body().lines())
          .contains("rpa_database_up 1.0", "# TYPE rpa_executors_utilization_ratio gauge");

      holder.createStatement().execute("SHUTDOWN");

      assertThat(gauge(server, AlertGauges.DATABASE_UP).read()).isEqualTo(0.0);
      // The scrape's store reads are reused for a while; past it, they read the store again.
      server.clock.advance(ServerMeters.READ_TTL);
      var scrape = server.get("/metrics/prometheus", null);
      assertThat(scrape.statusCode())
          .as("the scrape goes on while the store is down: DatabaseUnhealthy can fire")
          .isEqualTo(200);
      assertThat(scrape.body().lines())
          .contains("rpa_database_up 0.0", "rpa_jobs{status=\"queued\"} NaN")
          .anyMatch(line -> line.startsWith("jvm_memory_used_bytes{"));
    }
  }

  @Test
  void utilization_is_the_busy_share_of_the_online_slots() throws Exception {
    try (var server = new TestServer(Map.of("MAX_WORKERS", "0"))) {
      assertThat(gauge(server, AlertGauges.UTILIZATION).read())
          .as("a queue-only orchestrator has no slots")
          .isEqualTo(0.0);
    }
  }

  private static Gauge gauge(TestServer server, String name) {
    return server.server.orchestrator().metrics().gauges().stream()
        .filter(gauge -> gauge.name().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
