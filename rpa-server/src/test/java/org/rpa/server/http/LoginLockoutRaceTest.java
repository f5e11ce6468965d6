package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/**
 * The failed-login lockout counts an attempt before its password is checked, so wrong logins sent
 * all at once from one address get no more password checks than {@code LOGIN_MAX_FAILURES}.
 */
class LoginLockoutRaceTest {
  private static final int ATTEMPTS = 25;

  /** A user whose bcrypt cost makes each check slow enough for concurrent requests to overlap. */
  private static TestServer start() {
    String hash = BCrypt.withDefaults().hashToString(11, "slow-user-password".toCharArray());
    return new TestServer(
        Map.of(
            "LOGIN_MAX_FAILURES", "5",
            "LOGIN_LOCKOUT_MINUTES", "15",
            "RPA_USERS", "slow:operator:" + hash));
  }

  @Test
  void wrong_logins_sent_at_once_get_at_most_the_limit_of_password_checks() throws Exception {
    try (var server = start()) {
      List<HttpResponse<String>> answers = concurrently(server, ATTEMPTS, "slow", "wrong-password");

      long unauthorized = answers.stream().filter(r -> r.statusCode() == 401).count();
      long throttled = answers.stream().filter(r -> r.statusCode() == 429).count();
      assertThat(unauthorized).isEqualTo(5);
      assertThat(throttled).isEqualTo(ATTEMPTS - 5);
      for (HttpResponse<String> answer : answers) {
        if (answer.statusCode() == 429) {
          assertThat(answer.headers().firstValue("Retry-After")).hasValue("900");
          assertThat(server.body(answer).path("error_type").asText()).isEqualTo("RateLimitError");
        }
      }
      assertThat(server.login("slow", "slow-user-password").statusCode()).isEqualTo(429);
      server.clock.advance(Duration.ofMinutes(15));
      assertThat(server.login("slow", "slow-user-password").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void a_successful_login_gives_the_address_its_full_allowance_again() {
    try (var server = new TestServer(Map.of("LOGIN_MAX_FAILURES", "3"))) {
      assertThat(server.login("admin", "wrong-1").statusCode()).isEqualTo(401);
      assertThat(server.login("admin", "wrong-2").statusCode()).isEqualTo(401);
      assertThat(server.login("admin", TestServer.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
      for (int i = 0; i < 3; i++) {
        assertThat(server.login("admin", "wrong-again-" + i).statusCode()).isEqualTo(401);
      }
      assertThat(server.login("admin", "wrong-4").statusCode()).isEqualTo(429);
    }
  }

  /** {@code count} logins released together by a latch, each from its own thread. */
  private static List<HttpResponse<String>> concurrently(
      TestServer server, int count, String username, String password) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch ready = new CountDownLatch(count);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        futures.add(
            threads.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return server.login(username, password);
                }));
      }
      ready.await();
      go.countDown();
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> future : futures) {
        answers.add(future.get());
      }
      return answers;
    } finally {
      threads.shutdownNow();
    }
  }
}
