package org.rpa.server.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.WorkerConfig;
import org.rpa.server.security.IpAllowList;

/**
 * The worker's IP allow-list with real source addresses: the client socket is bound to 127.0.0.2,
 * 127.0.0.3 or ::1 before it connects, so the worker sees that address as its peer.
 */
class WorkerAllowListTest {
  private static final MutableClock CLOCK = MutableClock.at("2026-01-01T00:00:00Z");

  @Test
  void a_caller_inside_a_cidr_block_is_served_and_one_outside_gets_403_with_the_seed_body()
      throws Exception {
    try (var worker = start(Map.of("AUTHORIZED_WORKER_IPS", "127.0.0.2/32, ::1"))) {
      Answer allowed = get("127.0.0.2", "127.0.0.1", worker.port(), "/health");
      Answer refused = get("127.0.0.3", "127.0.0.1", worker.port(), "/health");
      Answer ipv6 = get("::1", "::1", worker.port(), "/health");

      assertThat(allowed.status).isEqualTo(200);
      assertThat(allowed.body).contains("\"status\":\"healthy\"").contains("\"active_jobs\":0");
      assertThat(refused.status).isEqualTo(403);
      assertThat(refused.body).isEqualTo("{\"detail\":\"Unauthorized IP address\"}");
      assertThat(ipv6.status).isEqualTo(200);
    }
  }

  @Test
  void every_route_is_behind_the_list_and_ipv6_loopback_is_refused_when_not_listed()
      throws Exception {
    try (var worker = start(Map.of("AUTHORIZED_WORKER_IPS", "127.0.0.0/31"))) {
      for (String path :
          List.of("/health", "/status", "/status/1", "/execute", "/metrics/prometheus")) {
        assertThat(get("127.0.0.3", "127.0.0.1", worker.port(), path).status)
            .as(path)
            .isEqualTo(403);
      }
      assertThat(get("::1", "::1", worker.port(), "/health").status).isEqualTo(403);
      assertThat(get("127.0.0.1", "127.0.0.1", worker.port(), "/health").status).isEqualTo(200);
    }
  }

  @Test
  void loopback_callers_bypass_the_list_only_in_development_mode() throws Exception {
    try (var production = start(Map.of("AUTHORIZED_WORKER_IPS", "10.0.0.0/8"))) {
      assertThat(get("127.0.0.3", "127.0.0.1", production.port(), "/health").status).isEqualTo(403);
    }
    try (var development =
        start(Map.of("AUTHORIZED_WORKER_IPS", "10.0.0.0/8", "DEVELOPMENT_MODE", "true"))) {
      assertThat(get("127.0.0.3", "127.0.0.1", development.port(), "/health").status)
          .isEqualTo(200);
    }
  }

  @Test
  void behind_a_trusted_proxy_the_forwarded_client_is_checked_and_from_others_the_header_is_not()
      throws Exception {
    try (var worker =
        start(Map.of("AUTHORIZED_WORKER_IPS", "10.1.2.3", "TRUSTED_PROXIES", "127.0.0.2"))) {
      int port = worker.port();
      assertThat(get("127.0.0.2", "127.0.0.1", port, "/health", "10.1.2.3").status).isEqualTo(200);
      assertThat(get("127.0.0.2", "127.0.0.1", port, "/health", "10.1.2.3, 10.9.9.9").status)
          .as("the right-most untrusted hop is the client")
          .isEqualTo(403);
      assertThat(get("127.0.0.2", "127.0.0.1", port, "/health", "10.1.2.3:80").status)
          .as("a malformed header means the peer")
          .isEqualTo(403);
      assertThat(get("127.0.0.3", "127.0.0.1", port, "/health", "10.1.2.3").status)
          .as("a peer that is not a trusted proxy")
          .isEqualTo(403);
    }
    try (var worker = start(Map.of("AUTHORIZED_WORKER_IPS", "127.0.0.2"))) {
      assertThat(get("127.0.0.2", "127.0.0.1", worker.port(), "/health", "10.9.9.9").status)
          .as("without TRUSTED_PROXIES the header is ignored")
          .isEqualTo(200);
    }
  }

  @Test
  void the_list_parses_addresses_and_blocks_of_both_families_and_names_a_bad_entry() {
    var list = IpAllowList.parse(List.of("192.168.1.0/24", "10.0.0.5", "fd00::/8", "::1"));

    assertThat(list.allows("192.168.1.77")).isTrue();
    assertThat(list.allows("192.168.2.1")).isFalse();
    assertThat(list.allows("10.0.0.5")).isTrue();
    assertThat(list.allows("10.0.0.6")).isFalse();
    assertThat(list.allows("fd12:3456::1")).isTrue();
    assertThat(list.allows("fe80::1")).isFalse();
    assertThat(list.allows("[0:0:0:0:0:0:0:1]")).isTrue();
    assertThat(list.allows("::ffff:10.0.0.5")).isTrue();
    assertThat(list.allows("not-an-address")).isFalse();
    assertThatThrownBy(() -> IpAllowList.parse(List.of("10.0.0.0/33")))
        .hasMessageContaining("10.0.0.0/33");
    assertThatThrownBy(() -> IpAllowList.parse(List.of("example.com")))
        .hasMessageContaining("example.com");
  }

  private static WorkerService start(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("WORKER_HOST", "::");
    env.put("WORKER_PORT", "0");
    env.put("WORKER_AUTH_TOKEN", "allow-list-test-token");
    env.put("MAX_WORKERS", "1");
    env.putAll(overrides);
    return WorkerService.start(
        WorkerConfig.from(env, null), CLOCK, DemoHandlers.all(), SeleniumCheck.disabled());
  }

  private record Answer(int status, String body) {}

  /** One HTTP/1.1 request from a socket bound to {@code source}. */
  private static Answer get(String source, String target, int port, String path)
      throws IOException {
    return get(source, target, port, path, null);
  }

  /** The same, with an {@code X-Forwarded-For} header unless {@code forwardedFor} is null. */
  private static Answer get(
      String source, String target, int port, String path, String forwardedFor) throws IOException {
    try (var socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
      socket.connect(new InetSocketAddress(InetAddress.getByName(target), port), 5_000);
      socket.setSoTimeout(5_000);
      String method = path.equals("/execute") ? "POST" : "GET";
      String request =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: worker\r\nAuthorization: Bearer allow-list-test-token\r\n"
              + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n")
              + "Content-Length: 0\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      String body = response.substring(response.indexOf("\r\n\r\n") + 4);
      return new Answer(status, dechunk(body));
    }
  }

  private static String dechunk(String body) {
    if (!body.matches("(?s)^[0-9a-fA-F]+\r\n.*")) {
      return body;
    }
    var out = new StringBuilder();
    String rest = body;
    while (true) {
      int line = rest.indexOf("\r\n");
      int size = Integer.parseInt(rest.substring(0, line), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(rest, line + 2, line + 2 + size);
      rest = rest.substring(line + 2 + size + 2);
    }
  }
}
