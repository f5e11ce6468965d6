package org.rpa.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.resilience.BreakerView;
import org.rpa.core.resilience.Breakers;
import org.rpa.core.testing.MutableClock;

/** The client's requests, its breaker, its timeout and its credentials, against loopback. */
class PrometheusClientTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final Breakers breakers = new Breakers(clock);
  private final CannedPrometheus prometheus = new CannedPrometheus();

  @AfterEach
  void stop() {
    prometheus.close();
  }

  @Test
  void registers_a_non_critical_breaker_named_prometheus_with_its_url() {
    PrometheusClient.register(prometheus.url(), Duration.ofSeconds(2), breakers);

    BreakerView view = breakers.view("prometheus").orElseThrow();
    assertThat(view.displayName()).isEqualTo("Prometheus");
    assertThat(view.critical()).isFalse();
    assertThat(view.url()).isEqualTo(prometheus.url());
    assertThat(view.state()).isEqualTo("closed");
  }

  @Test
  void the_breaker_opens_after_half_of_the_calls_fail_and_then_no_request_leaves() {
    PrometheusClient client =
        PrometheusClient.register(prometheus.url(), Duration.ofSeconds(2), breakers);
    prometheus.answerText(
        CannedPrometheus.TARGETS, 500, "{\"status\":\"error\",\"error\":\"boom\"}");

    for (int call = 0; call < Breakers.DEFAULT_MINIMUM_NUMBER_OF_CALLS; call++) {
      assertThatThrownBy(client::targets)
          .isInstanceOf(PrometheusUnavailableException.class)
          .hasMessage("Prometheus at " + prometheus.url() + " answered HTTP 500: boom");
    }
    assertThat(breakers.view("prometheus").orElseThrow().state()).isEqualTo("open");
    int requests = prometheus.seen().size();

    assertThatThrownBy(client::seriesCount)
        .hasMessage(
            "Circuit breaker 'prometheus' is open: Prometheus at "
                + prometheus.url()
                + " is not called");
    assertThat(prometheus.seen()).hasSize(requests);

    clock.advance(Breakers.DEFAULT_WAIT_DURATION_IN_OPEN_STATE.plusSeconds(1));
    assertThat(client.seriesCount()).as("half-open lets a probe through").isEqualTo(943);
    assertThat(prometheus.seen()).hasSize(requests + 1);
  }

  @Test
  void user_info_in_the_url_is_sent_as_basic_authentication_and_never_shown() {
    String url = prometheus.url().replace("http://", "http://ops:s3cret@") + "/";
    PrometheusClient client = PrometheusClient.register(url, Duration.ofSeconds(2), breakers);

    assertThat(client.scrapeInterval()).isEqualTo(Duration.ofSeconds(1));

    assertThat(client.url()).isEqualTo(prometheus.url() + "/").doesNotContain("s3cret");
    assertThat(breakers.view("prometheus").orElseThrow().url()).doesNotContain("s3cret");
    assertThat(prometheus.seen())
        .containsExactly(
            new CannedPrometheus.Seen("/api/v1/status/config", "Basic b3BzOnMzY3JldA=="));
  }

  @Test
  void the_series_count_is_one_instant_query_counting_every_series() {
    PrometheusClient client =
        PrometheusClient.register(prometheus.url(), Duration.ofSeconds(2), breakers);

    assertThat(client.seriesCount()).isEqualTo(943);

    assertThat(prometheus.seen())
        .extracting(CannedPrometheus.Seen::pathAndQuery)
        .containsExactly("/api/v1/query?query=count%28%7B__name__%3D%7E%22.%2B%22%7D%29");
  }

  @Test
  void a_prometheus_that_does_not_answer_in_time_is_unreachable() {
    PrometheusClient client =
        PrometheusClient.register(prometheus.url(), Duration.ofMillis(300), breakers);
    prometheus.hang();

    assertThatThrownBy(client::targets)
        .isInstanceOf(PrometheusUnavailableException.class)
        .hasMessage(
            "Prometheus at " + prometheus.url() + " is unreachable: no answer within 300 ms");
    assertThat(breakers.view("prometheus").orElseThrow().failedCalls()).isEqualTo(1);
  }

  @Test
  void a_page_that_is_not_the_api_is_an_answer_without_json() {
    PrometheusClient client =
        PrometheusClient.register(prometheus.url() + "/elsewhere", Duration.ofSeconds(2), breakers);

    assertThatThrownBy(client::targets)
        .hasMessage(
            "Prometheus at "
                + prometheus.url()
                + "/elsewhere answered HTTP 404 without a JSON body");
    assertThat(prometheus.seen())
        .extracting(CannedPrometheus.Seen::pathAndQuery)
        .containsExactly("/elsewhere/api/v1/targets?state=active");
  }

  @Test
  void a_url_that_is_not_http_is_refused() {
    assertThatThrownBy(
            () ->
                new PrometheusClient(
                    "ftp://prometheus", Duration.ofSeconds(1), breakers.breaker("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("url must be an http(s) URL, but was ftp://prometheus");
  }
}
