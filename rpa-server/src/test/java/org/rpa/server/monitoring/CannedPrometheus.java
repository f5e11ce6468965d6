package org.rpa.server.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP server answering Prometheus's API paths with responses captured from a real
 * Prometheus 2.42 (the files next to this class): {@code /api/v1/targets}, {@code /api/v1/query}
 * and {@code /api/v1/status/config}, each set by {@link #answer}. It records each request's path
 * and {@code Authorization} header. {@link #hang} makes every answer wait until {@link #close}.
 */
public final class CannedPrometheus implements AutoCloseable {
  public static final String TARGETS = "/api/v1/targets";
  public static final String QUERY = "/api/v1/query";
  public static final String CONFIG = "/api/v1/status/config";

  /** One request as the server saw it. */
  public record Seen(String pathAndQuery, String authorization) {}

  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile boolean hang;

  /** A server answering the mixed capture: 2 targets up, 1 down, 1 not scraped yet. */
  public CannedPrometheus() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
    answer(TARGETS, 200, "targets-mixed.json");
    answer(QUERY, 200, "query-series.json");
    answer(CONFIG, 200, "config.json");
  }

  /** {@code path} answers {@code status} with the captured {@code file}. */
  public CannedPrometheus answer(String path, int status, String file) {
    answers.put(path, new Answer(status, captured(file)));
    return this;
  }

  /** {@code path} answers {@code status} with {@code body} as it is. */
  public CannedPrometheus answerText(String path, int status, String body) {
    answers.put(path, new Answer(status, body));
    return this;
  }

  /** Every answer from now on waits until {@link #close()}. */
  public void hang() {
    hang = true;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  /** The text of a captured file. */
  public static String captured(String file) {
    try (InputStream in = CannedPrometheus.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalArgumentException("no captured response " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    String path = exchange.getRequestURI().getPath();
    seen.add(
        new Seen(
            query == null ? path : path + "?" + query,
            exchange.getRequestHeaders().getFirst("Authorization")));
    if (hang) {
      try {
        released.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Answer answer = answers.getOrDefault(path, new Answer(404, "404 page not found\n"));
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  /** Stops listening: the port refuses connections from now on. */
  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
