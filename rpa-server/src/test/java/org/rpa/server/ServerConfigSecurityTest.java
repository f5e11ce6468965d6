package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server's configuration refuses outside development mode (defaults, short secrets and
 * passwords, the documents' example passwords, a wildcard origin with credentials, bad users),
 * where it reads secrets from, and that it never shows one.
 */
class ServerConfigSecurityTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  @TempDir Path secrets;

  @Test
  void refuses_to_start_in_production_with_defaults_and_names_every_problem() {
    assertThatThrownBy(() -> ServerConfig.from(Map.of("PORT", "http"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PORT must be a number, but was http")
        .hasMessageContaining("JWT_SECRET (or JWT_SECRET_KEY) must be set outside DEVELOPMENT_MODE")
        .hasMessageContaining("ADMIN_PASSWORD must be set to something other than the default");
  }

  @Test
  void refuses_a_jwt_secret_shorter_than_256_bits_outside_development_mode() {
    assertThatThrownBy(
            () -> ServerConfig.from(Map.of("JWT_SECRET", "short", "ADMIN_PASSWORD", "x1"), null))
        .hasMessageContaining("JWT_SECRET must be at least 256 bits (32 bytes)")
        .hasMessageNotContaining("short,");
  }

  @Test
  void refuses_a_wildcard_origin_with_credentials() {
    assertThatThrownBy(
            () ->
                ServerConfig.from(
                    Map.of(
                        "DEVELOPMENT_MODE", "true",
                        "CORS_ORIGINS", "*",
                        "CORS_ALLOW_CREDENTIALS", "true"),
                    null))
        .hasMessageContaining("CORS_ORIGINS must list exact origins");
  }

  @Test
  void reads_secrets_from_files_and_lets_the_environment_win() throws Exception {
    Files.writeString(secrets.resolve("JWT_SECRET_KEY"), SECRET + "\n");
    Files.writeString(secrets.resolve("ADMIN_PASSWORD"), "from-file-password");
    Files.writeString(secrets.resolve("ADMIN_USERNAME"), "file-admin");

    ServerConfig config = ServerConfig.from(Map.of("ADMIN_USERNAME", "env-admin"), secrets);

    assertThat(config.jwtSecret()).isEqualTo(SECRET);
    assertThat(config.adminPassword()).isEqualTo("from-file-password");
    assertThat(config.adminUsername()).isEqualTo("env-admin");
  }

  @Test
  void never_shows_a_secret_in_to_string() {
    ServerConfig config =
        ServerConfig.from(Map.of("JWT_SECRET", SECRET, "ADMIN_PASSWORD", "hunter2-password"), null);

    assertThat(config.toString()).doesNotContain(SECRET).doesNotContain("hunter2-password");
  }

  @Test
  void refuses_a_short_admin_password_outside_development_mode_in_one_line() {
    assertThatThrownBy(
            () -> ServerConfig.from(Map.of("JWT_SECRET", SECRET, "ADMIN_PASSWORD", "a"), null))
        .hasMessage(
            "Invalid configuration:\n  ADMIN_PASSWORD must be at least 12 characters outside"
                + " DEVELOPMENT_MODE, but had 1");
    assertThatThrownBy(
            () ->
                ServerConfig.from(
                    Map.of("JWT_SECRET", SECRET, "ADMIN_PASSWORD", "elevenchars"), null))
        .hasMessageContaining("ADMIN_PASSWORD must be at least 12 characters")
        .hasMessageNotContaining("elevenchars");
    assertThat(
            ServerConfig.from(Map.of("JWT_SECRET", SECRET, "ADMIN_PASSWORD", "twelve-chars"), null)
                .adminPassword())
        .isEqualTo("twelve-chars");
    assertThat(
            ServerConfig.from(Map.of("DEVELOPMENT_MODE", "true", "ADMIN_PASSWORD", "a"), null)
                .adminPassword())
        .isEqualTo("a");
  }

  @Test
  void refuses_the_documents_example_admin_passwords_outside_development_mode() {
    for (String example :
        List.of("your-secure-password", "Your-Secure-Password", "admin123", "changeme")) {
      assertThatThrownBy(
              () ->
                  ServerConfig.from(Map.of("JWT_SECRET", SECRET, "ADMIN_PASSWORD", example), null))
          .as(example)
          .hasMessageContaining(
              "ADMIN_PASSWORD must not be an example password from the documentation");
    }
    assertThat(
            ServerConfig.from(
                    Map.of("DEVELOPMENT_MODE", "true", "ADMIN_PASSWORD", "your-secure-password"),
                    null)
                .adminPassword())
        .isEqualTo("your-secure-password");
  }

  @Test
  void refuses_an_admin_password_longer_than_bcrypt_can_hash() {
    assertThatThrownBy(
            () ->
                ServerConfig.from(
                    Map.of("JWT_SECRET", SECRET, "ADMIN_PASSWORD", "p".repeat(73)), null))
        .hasMessageContaining("ADMIN_PASSWORD must be at most 72 bytes");
  }

  @Test
  void rpa_users_names_each_bad_entry_without_echoing_a_hash() {
    String weak = "$2a$04$" + "a".repeat(53);
    String good = "$2b$12$" + "b".repeat(53);
    assertThatThrownBy(
            () ->
                ServerConfig.from(
                    Map.of(
                        "JWT_SECRET",
                        SECRET,
                        "ADMIN_PASSWORD",
                        "a-real-password",
                        "RPA_USERS",
                        "ann:operator:"
                            + weak
                            + ",bob:boss:"
                            + good
                            + ",admin:viewer:"
                            + good
                            + ",carl:viewer:secret,dan:viewer:"
                            + good
                            + ",dan:operator:"
                            + good),
                    null))
        .hasMessageContaining("entry 1 (ann) must have a bcrypt cost of at least 10")
        .hasMessageContaining("entry 2 must have the role admin, operator or viewer, but was boss")
        .hasMessageContaining("entry 3 (admin) names a user that is already configured")
        .hasMessageContaining("entry 4 (carl) must end with a bcrypt hash")
        .hasMessageContaining("entry 6 (dan) names a user that is already configured")
        .hasMessageNotContaining(good)
        .hasMessageNotContaining("secret,");
    ServerConfig config =
        ServerConfig.from(
            Map.of("DEVELOPMENT_MODE", "true", "RPA_USERS", "ann:operator:" + weak), null);
    assertThat(config.users()).hasSize(1);
    assertThat(config.toString()).doesNotContain(weak).contains("ann:operator");
  }
}
