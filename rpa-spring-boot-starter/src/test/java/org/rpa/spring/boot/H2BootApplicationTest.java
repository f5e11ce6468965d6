package org.rpa.spring.boot;

import java.util.UUID;

/** The Boot application on an in-memory H2 database of its own. */
class H2BootApplicationTest extends BootApplicationContract {
  private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  @Override
  String jdbcUrl() {
    return url;
  }
}
