package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;
import org.rpa.core.InvalidRequestException;

class DatabasesTest {

  @Test
  void an_h2_file_database_is_opened_durable_per_commit() {
    assertThat(Databases.jdbcUrl("jdbc:h2:file:./data/rpa"))
        .isEqualTo("jdbc:h2:file:./data/rpa;WRITE_DELAY=0;CACHE_SIZE=2048;QUERY_CACHE_SIZE=128");
    assertThat(
            Databases.jdbcUrl("jdbc:h2:file:./x;WRITE_DELAY=100;QUERY_CACHE_SIZE=8;CACHE_SIZE=1"))
        .isEqualTo("jdbc:h2:file:./x;WRITE_DELAY=100;QUERY_CACHE_SIZE=8;CACHE_SIZE=1");
    assertThat(Databases.jdbcUrl("jdbc:h2:mem:t"))
        .isEqualTo("jdbc:h2:mem:t;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=128");
  }

  @Test
  void a_postgresql_url_becomes_a_jdbc_url_with_its_credentials_and_batched_inserts() {
    assertThat(Databases.jdbcUrl("postgresql://rpa:s%40cret@db.local:5433/rpa"))
        .isEqualTo(
            "jdbc:postgresql://db.local:5433/rpa?user=rpa&password=s%40cret"
                + "&reWriteBatchedInserts=true");
    assertThat(Databases.jdbcUrl("postgres://db/rpa?sslmode=require"))
        .isEqualTo("jdbc:postgresql://db/rpa?sslmode=require&reWriteBatchedInserts=true");
    assertThat(Databases.jdbcUrl("jdbc:postgresql://h/db"))
        .isEqualTo("jdbc:postgresql://h/db?reWriteBatchedInserts=true");
    assertThat(Databases.jdbcUrl("jdbc:postgresql://h/db?reWriteBatchedInserts=false"))
        .isEqualTo("jdbc:postgresql://h/db?reWriteBatchedInserts=false");
  }

  @Test
  void a_bad_url_is_refused_without_showing_the_password() {
    assertThatThrownBy(() -> Databases.jdbcUrl("mysql://u:p@h/db"))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Databases.jdbcUrl("postgresql://u:topsecret@/"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageNotContaining("topsecret");
    assertThat(Databases.redact("postgresql://u:topsecret@h/db"))
        .isEqualTo("postgresql://u:***@h/db");
  }

  @Test
  void an_h2_url_without_the_h2_driver_says_which_dependency_to_declare() throws Exception {
    try (var withoutH2 = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> Databases.requireDriver("jdbc:h2:file:./data/rpa", withoutH2))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("com.h2database:h2");
      Databases.requireDriver("jdbc:postgresql://h/db", withoutH2);
    }
    Databases.requireDriver("jdbc:h2:file:./data/rpa", Databases.class.getClassLoader());
  }
}
