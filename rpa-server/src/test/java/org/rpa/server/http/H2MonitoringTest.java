package org.rpa.server.http;

import java.util.UUID;

/** The monitoring contract on an H2 database in memory. */
class H2MonitoringTest extends MonitoringContract {
  private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  @Override
  protected String databaseUrl() {
    return url;
  }
}
