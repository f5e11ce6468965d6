package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/**
 * Operators and viewers from {@code RPA_USERS} (bcrypt hashes, as {@code htpasswd -B} and other
 * tools write them) log in and get exactly their role's permissions on every secured route.
 */
class ConfiguredUsersTest {
  private static final Pattern PERMISSION = Pattern.compile("`([a-z]+:[a-z_]+)`");
  private static final Set<String> OPERATOR =
      Set.of(
          "job:create",
          "job:read",
          "job:update",
          "job:cancel",
          "job:recover",
          "scheduler:process",
          "evidence:read",
          "browser:read",
          "monitoring:read",
          "breaker:reset",
          "supervisor:control");
  private static final Set<String> VIEWER =
      Set.of("job:read", "evidence:read", "browser:read", "monitoring:read");
  private static TestServer server;

  @BeforeAll
  static void start() {
    String users =
        "olivia:operator:"
            + BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(10, "olivia-pass".toCharArray())
            + ",\n  victor:viewer:"
            + BCrypt.withDefaults().hashToString(10, "victor-pass".toCharArray());
    server = new TestServer(Map.of("RPA_USERS", users));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void configured_users_log_in_with_their_passwords_only() {
    assertThat(server.login("olivia", "olivia-pass").statusCode()).isEqualTo(200);
    assertThat(server.login("victor", "victor-pass").statusCode()).isEqualTo(200);
    assertThat(server.login("olivia", "victor-pass").statusCode()).isEqualTo(401);
  }

  @Test
  void operator_and_viewer_get_exactly_their_permissions_on_every_secured_route() {
    Map<String, String> routes = securedRoutes();
    assertThat(routes).hasSize(40);
    String operator = server.token("olivia", "olivia-pass");
    String viewer = server.token("victor", "victor-pass");
    long before = server.jobCount();
    routes.forEach(
        (route, permission) -> {
          assertThat(refused(route, operator))
              .as("operator " + route)
              .isEqualTo(!OPERATOR.contains(permission));
          assertThat(refused(route, viewer))
              .as("viewer " + route)
              .isEqualTo(!VIEWER.contains(permission));
        });
    assertThat(server.jobCount()).isEqualTo(before);
  }

  /** "METHOD path" → permission, from /openapi.json. */
  private static Map<String, String> securedRoutes() {
    Map<String, String> routes = new TreeMap<>();
    JsonNode paths = server.body(server.get("/openapi.json", null)).path("paths");
    paths
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        operation -> {
                          Matcher permission =
                              PERMISSION.matcher(operation.getValue().path("description").asText());
                          if (operation.getValue().has("security") && permission.find()) {
                            routes.put(
                                operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                                permission.group(1));
                          }
                        }));
    return routes;
  }

  /** Whether the call is refused for lack of permission (403); any other answer means allowed. */
  private static boolean refused(String route, String token) {
    String[] parts = route.split(" ", 2);
    String url =
        parts[1]
            .replace("{id}", "999999")
            .replace("{job_id}", "999999")
            .replace("{robot_id}", "robot-1")
            .replace("{name}", "0001-open.png");
    HttpResponse<String> response =
        server.send(
            server
                .request(url)
                .method(parts[0], HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token));
    assertThat(response.statusCode()).as(route).isNotEqualTo(401);
    if (response.statusCode() == 403) {
      assertThat(server.body(response).path("detail").asText())
          .startsWith("Not enough permissions");
      return true;
    }
    return false;
  }
}
