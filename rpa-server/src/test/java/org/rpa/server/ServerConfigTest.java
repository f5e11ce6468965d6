package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

  @Test
  void takes_the_defaults_when_nothing_is_set() {
    assertThat(ServerConfig.fromEnvironment(Map.of()))
        .isEqualTo(new ServerConfig("0.0.0.0", 8620, "jdbc:h2:file:./data/rpa"));
  }

  @Test
  void reads_port_host_and_database_url() {
    ServerConfig config =
        ServerConfig.fromEnvironment(
            Map.of("PORT", "9000", "HOST", "127.0.0.1", "DATABASE_URL", "jdbc:h2:mem:x"));

    assertThat(config).isEqualTo(new ServerConfig("127.0.0.1", 9000, "jdbc:h2:mem:x"));
  }

  @Test
  void treats_a_blank_variable_as_unset() {
    assertThat(ServerConfig.fromEnvironment(Map.of("PORT", " ")).port()).isEqualTo(8620);
  }

  @Test
  void rejects_a_port_that_is_not_a_number() {
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("PORT", "http")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PORT must be a number, but was http");
  }

  @Test
  void rejects_a_port_out_of_range() {
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("PORT", "70000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PORT must be between 0 and 65535, but was 70000");
  }

  @Test
  void passes_a_postgresql_url_through_for_the_orchestrator_to_check() {
    assertThat(
            ServerConfig.fromEnvironment(Map.of("DATABASE_URL", "postgresql://u:p@db/rpa"))
                .databaseUrl())
        .isEqualTo("postgresql://u:p@db/rpa");
  }
}
