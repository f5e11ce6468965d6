package org.rpa.core.testing.pg;

import java.util.Objects;

/**
 * A database of the private test cluster, as {@link PostgresExtension} hands it to a test class.
 *
 * @param jdbcUrl {@code jdbc:postgresql://127.0.0.1:<port>/<name>?user=postgres}
 * @param name the database name
 */
public record PgDatabase(String jdbcUrl, String name) {
  public PgDatabase {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(name, "name");
  }
}
