package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;
import org.rpa.server.security.Role;

/**
 * {@code /dashboard} and its assets as the server serves them from the jar: the policy on the page
 * and on every module, no inline script or style anywhere, every module the page imports (uPlot's
 * from its webjar included) found, and the role table the page hides buttons by equal to the
 * server's roles.
 */
class DashboardRoutesTest {
  private static final Pattern IMPORT =
      Pattern.compile("(?m)^\\s*import\\s[^;]*?from\\s+\"([^\"]+)\";");
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_page_allows_only_its_own_origin_and_no_inline_script_or_style() {
    HttpResponse<String> page = server.get("/dashboard", null);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    Map<String, String> policy = directives(page);
    assertThat(policy)
        .containsEntry("default-src", "'none'")
        .containsEntry("script-src", "'self'")
        .containsEntry("style-src", "'self'")
        .containsEntry("connect-src", "'self'")
        .containsEntry("img-src", "'self' blob:")
        .containsEntry("frame-ancestors", "'none'")
        .containsEntry("base-uri", "'none'");
    assertThat(String.join(" ", policy.values())).doesNotContain("unsafe", "*", "http");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    String html = page.body();
    assertThat(html.replaceAll("<script type=\"module\" src=\"[^\"]+\"></script>", ""))
        .doesNotContain("<script", "<style", " style=", " onclick=", " onload=", "javascript:");
    assertThat(html).contains("<html lang=\"en\">", "<main id=\"main\"", "<nav id=\"nav\"");
  }

  @Test
  void every_module_the_page_imports_is_served_as_javascript_under_the_policy() {
    Deque<String> pending = new ArrayDeque<>(List.of("/dashboard/assets/app.js"));
    Set<String> seen = new HashSet<>();
    while (!pending.isEmpty()) {
      String path = pending.pop();
      if (!seen.add(path)) {
        continue;
      }
      HttpResponse<String> module = server.get(path, null);
      assertThat(module.statusCode()).as(path).isEqualTo(200);
      assertThat(module.headers().firstValue("Content-Type").orElse(""))
          .as(path)
          .startsWith("text/javascript");
      if (!path.startsWith("/webjars/")) {
        assertThat(module.headers().firstValue("Content-Security-Policy"))
            .as(path)
            .hasValue(DashboardRoutes.POLICY);
        assertThat(module.body())
            .as("%s builds the page from text, never from HTML", path)
            .doesNotContain(
                "innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "setAttribute(\"style\"");
      }
      Matcher imports = IMPORT.matcher(module.body());
      while (imports.find()) {
        pending.add(java.net.URI.create("http://x" + path).resolve(imports.group(1)).getPath());
      }
    }
    assertThat(seen)
        .contains(
            "/dashboard/assets/api.js",
            "/dashboard/assets/live.js",
            "/dashboard/assets/pages/job.js",
            "/webjars/uplot/1.6.30/dist/uPlot.esm.js")
        .hasSizeGreaterThanOrEqualTo(15);
    for (String sheet :
        List.of("/dashboard/assets/dashboard.css", "/webjars/uplot/1.6.30/dist/uPlot.min.css")) {
      HttpResponse<String> css = server.get(sheet, null);
      assertThat(css.statusCode()).as(sheet).isEqualTo(200);
      assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
    }
  }

  @Test
  void an_asset_that_is_not_there_is_a_404_and_nothing_outside_the_assets_is_served() {
    assertThat(server.get("/dashboard/assets/missing.js", null).statusCode()).isEqualTo(404);
    assertThat(server.get("/dashboard/assets/../index.html", null).statusCode()).isEqualTo(404);
    assertThat(server.get("/dashboard/assets/%2e%2e/%2e%2e/version.properties", null).statusCode())
        .isIn(400, 404);
  }

  @Test
  void the_roles_the_page_hides_buttons_by_are_the_servers_roles() {
    String table = server.get("/dashboard/assets/permissions.js", null).body();
    for (Role role : Role.values()) {
      Matcher entry = Pattern.compile("(?s)\\b" + role.label() + ": \\[(.*?)\\]").matcher(table);
      assertThat(entry.find()).as(role.label()).isTrue();
      Set<String> listed = new TreeSet<>();
      Matcher names = Pattern.compile("\"([a-z_]+:[a-z_]+)\"").matcher(entry.group(1));
      while (names.find()) {
        listed.add(names.group(1));
      }
      assertThat(listed).as(role.label()).isEqualTo(new TreeSet<>(role.permissions()));
    }
  }

  private static Map<String, String> directives(HttpResponse<String> response) {
    Map<String, String> directives = new LinkedHashMap<>();
    List<String> parts =
        new ArrayList<>(
            List.of(
                response.headers().firstValue("Content-Security-Policy").orElse("").split(";")));
    for (String part : parts) {
      String trimmed = part.trim();
      int space = trimmed.indexOf(' ');
      if (space > 0) {
        directives.put(trimmed.substring(0, space), trimmed.substring(space + 1));
      }
    }
    return directives;
  }
}
