package org.rpa.core.store;

import java.util.Locale;

/**
 * What differs between the databases the store runs on. The schema and the statements are portable;
 * what remains is how each is named, durable and woken.
 */
enum SqlDialect {
  H2,
  POSTGRESQL;

  /** The dialect of a JDBC URL. */
  public static SqlDialect of(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "database must be an H2 or PostgreSQL JDBC URL, but was " + jdbcUrl);
  }

  /** The dialect of a database product name as JDBC metadata reports it. */
  public static SqlDialect ofProduct(String productName) {
    return productName.toLowerCase(Locale.ROOT).contains("postgres") ? POSTGRESQL : H2;
  }
}
