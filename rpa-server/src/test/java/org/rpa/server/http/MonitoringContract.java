package org.rpa.server.http;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.rpa.server.TestServer;

/**
 * A server opened on a known {@link MonitoringHistory}, and how its tests read it: on H2 ({@code
 * H2MonitoringTest}) and on PostgreSQL ({@code PostgresMonitoringIT}), with the same exact figures.
 * Expected bodies are written with single quotes for readability. No test changes the history.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MonitoringContract implements MonitoringStatsContract, MonitoringLogsContract {
  private MonitoringHistory history;
  private TestServer server;
  private String token;

  /** A database URL for an empty database, which the history fills and the server opens. */
  protected abstract String databaseUrl();

  @BeforeAll
  void start() {
    history = MonitoringHistory.build(databaseUrl());
    server = new TestServer(Map.of("DATABASE_URL", databaseUrl()), history.clock);
    token = server.adminToken();
  }

  @AfterAll
  void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      if (history != null) {
        history.close();
      }
    }
  }

  @Override
  public MonitoringHistory history() {
    return history;
  }

  @Override
  public TestServer server() {
    return server;
  }

  @Override
  public HttpResponse<String> get(String path) {
    return server.get(path, token);
  }
}
