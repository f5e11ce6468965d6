package org.rpa.server.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rpa.core.resilience.BreakerOptions;
import org.rpa.core.resilience.Breakers;

/**
 * A client of one Prometheus server's HTTP API: the active targets ({@code /api/v1/targets}), the
 * number of series ({@code /api/v1/query} of {@value #SERIES_QUERY}) and the global scrape interval
 * ({@code /api/v1/status/config}). Every request goes through one circuit breaker and has a timeout
 * (the connection's and the request's); a failure of any kind is a {@link
 * PrometheusUnavailableException}. A URL with user info ({@code http://user:pass@host:9090}) sends
 * it as HTTP Basic authentication and is shown without it.
 *
 * <p>Thread-safe.
 */
public final class PrometheusClient {
  /** The breaker's name in the orchestrator's registry. */
  public static final String BREAKER_NAME = "prometheus";

  static final String SERIES_QUERY = "count({__name__=~\".+\"})";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;
  private final String base;
  private final String authorization;
  private final Duration timeout;
  private final CircuitBreaker breaker;
  private final HttpClient client;

  /**
   * @param url the server's base URL, as {@code PROMETHEUS_URL} gives it
   * @param breaker every request's breaker
   * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL
   */
  public PrometheusClient(String url, Duration timeout, CircuitBreaker breaker) {
    URI uri = URI.create(Objects.requireNonNull(url, "url"));
    if (uri.getScheme() == null
        || !uri.getScheme().matches("(?i)https?")
        || uri.getHost() == null) {
      throw new IllegalArgumentException("url must be an http(s) URL, but was " + display(uri));
    }
    this.url = display(uri);
    this.base = this.url.replaceAll("/+$", "");
    this.authorization =
        uri.getRawUserInfo() == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(uri.getUserInfo().getBytes(StandardCharsets.UTF_8));
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.breaker = Objects.requireNonNull(breaker, "breaker");
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * A client whose breaker {@value #BREAKER_NAME} is registered in {@code breakers}: display name
   * "Prometheus", not critical (losing the monitoring leaves the jobs running), with the URL.
   */
  public static PrometheusClient register(String url, Duration timeout, Breakers breakers) {
    String shown = display(URI.create(Objects.requireNonNull(url, "url")));
    BreakerOptions options =
        BreakerOptions.custom().displayName("Prometheus").critical(false).url(shown).build();
    return new PrometheusClient(url, timeout, breakers.breaker(BREAKER_NAME, options));
  }

  /** The server's URL, without user info. */
  public String url() {
    return url;
  }

  /** Every active target, sorted by job and instance. */
  public List<ScrapeTarget> targets() {
    JsonNode data = get("/api/v1/targets?state=active");
    List<ScrapeTarget> targets = new ArrayList<>();
    for (JsonNode target : data.path("activeTargets")) {
      targets.add(target(target));
    }
    targets.sort(Comparator.comparing(ScrapeTarget::job).thenComparing(ScrapeTarget::instance));
    return List.copyOf(targets);
  }

  /** How many series the server holds now (0 when it holds none). */
  public long seriesCount() {
    JsonNode result =
        get("/api/v1/query?query=" + URLEncoder.encode(SERIES_QUERY, StandardCharsets.UTF_8))
            .path("result");
    if (result.isEmpty()) {
      return 0;
    }
    try {
      return (long) Double.parseDouble(result.path(0).path("value").path(1).asText());
    } catch (NumberFormatException e) {
      throw new PrometheusUnavailableException(
          "Prometheus gave a series count that is no number", e);
    }
  }

  /** The global scrape interval of the loaded configuration. */
  public Duration scrapeInterval() {
    String yaml = get("/api/v1/status/config").path("yaml").asText("");
    return PrometheusConfigText.globalScrapeInterval(yaml)
        .orElseThrow(
            () ->
                new PrometheusUnavailableException(
                    "Prometheus's configuration has no readable global.scrape_interval", null));
  }

  private JsonNode get(String path) {
    try {
      return breaker.executeCallable(() -> fetch(path));
    } catch (CallNotPermittedException open) {
      throw new PrometheusUnavailableException(
          "Circuit breaker '" + BREAKER_NAME + "' is open: Prometheus at " + url + " is not called",
          open);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusUnavailableException("Interrupted while calling Prometheus", e);
    } catch (Answered e) {
      throw new PrometheusUnavailableException(
          "Prometheus at " + url + " answered " + e.getMessage(), e);
    } catch (Exception e) {
      throw new PrometheusUnavailableException(
          "Prometheus at " + url + " is unreachable: " + describe(e), e);
    }
  }

  /** Prometheus answered, with an error or with something that is not its API's JSON. */
  private static final class Answered extends IOException {
    Answered(String message) {
      super(message);
    }
  }

  private JsonNode fetch(String path) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(timeout)
            .header("Accept", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response =
        client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException notJson) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      throw new Answered("HTTP " + response.statusCode() + " without a JSON body");
    }
    if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
      throw new Answered(
          "HTTP " + response.statusCode() + ": " + body.path("error").asText("no error given"));
    }
    return body.path("data");
  }

  private static ScrapeTarget target(JsonNode target) {
    Map<String, String> labels = new LinkedHashMap<>();
    target
        .path("labels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    Instant lastScrape = instant(target.path("lastScrape").asText(""));
    String error = target.path("lastError").asText("");
    return new ScrapeTarget(
        labels.getOrDefault("job", target.path("scrapePool").asText("")),
        labels.getOrDefault("instance", target.path("scrapeUrl").asText("")),
        target.path("health").asText(ScrapeTarget.UNKNOWN),
        labels,
        lastScrape,
        error.isEmpty() ? null : error,
        lastScrape == null ? null : target.path("lastScrapeDuration").asDouble());
  }

  /** An RFC 3339 time with any offset; null for Go's zero time (never scraped) or nonsense. */
  private static Instant instant(String text) {
    try {
      Instant instant = OffsetDateTime.parse(text).toInstant();
      return instant.isBefore(Instant.EPOCH) ? null : instant;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private String describe(Exception e) {
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + timeout.toMillis() + " ms";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /** {@code url} without its user info (credentials), as it may be shown and logged. */
  public static String withoutCredentials(String url) {
    return display(URI.create(Objects.requireNonNull(url, "url")));
  }

  private static String display(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    return uri.toString().replace(uri.getRawUserInfo() + "@", "");
  }
}
