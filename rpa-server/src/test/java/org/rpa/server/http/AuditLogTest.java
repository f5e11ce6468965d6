package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/**
 * The audit lines (logger rpa.audit, on stderr through slf4j-simple) name who, what and from where.
 */
class AuditLogTest {
  @Test
  void logins_failed_logins_and_state_changing_calls_are_audited_without_secrets() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    String token;
    try (var server = new TestServer()) {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        server.login("admin", "wrong-password-123");
        token = server.adminToken();
        server.sendJson("POST", "/jobs", "{\"provider\":\"mfn\",\"action\":\"validation\"}", token);
        server.send(server.request("/process").POST(HttpRequest.BodyPublishers.noBody()));
      } finally {
        System.setErr(original);
      }
    }
    String log = captured.toString(StandardCharsets.UTF_8);

    assertThat(log)
        .contains("audit who=admin action=login target=/token from=127.0.0.1 outcome=failed")
        .contains("audit who=admin action=login target=/token from=127.0.0.1 outcome=success")
        .contains("audit who=admin action=job:create target=/jobs from=127.0.0.1 outcome=ok_201")
        .contains(
            "audit who=- action=scheduler:process target=/process from=127.0.0.1 outcome=refused");
    assertThat(log)
        .doesNotContain("wrong-password-123")
        .doesNotContain(TestServer.ADMIN_PASSWORD)
        .doesNotContain(token);
  }
}
