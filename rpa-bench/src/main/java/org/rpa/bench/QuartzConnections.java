package org.rpa.bench;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Hands Quartz the benchmark's pool; Quartz instantiates this class by name. */
public final class QuartzConnections implements ConnectionProvider {
  static volatile DataSource dataSource;

  @Override
  public Connection getConnection() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void shutdown() {}

  @Override
  public void initialize() {}
}
