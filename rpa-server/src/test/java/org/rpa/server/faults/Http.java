package org.rpa.server.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.rpa.server.Cluster;

/**
 * One orchestrator's API as the disk tests read it, with an admin token: a route's status or JSON,
 * and a wait until no job is pending or held. Thread-safe (the cluster's HTTP client).
 */
final class Http {
  final Cluster cluster;
  final String base;
  final String token;

  Http(Cluster cluster, String base, String token) {
    this.cluster = cluster;
    this.base = base;
    this.token = token;
  }

  HttpResponse<String> get(String path) throws IOException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    try {
      return cluster.client.send(
          request
              .timeout(Duration.ofSeconds(10))
              .header("Authorization", "Bearer " + token)
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** The route's status; 0 when it does not answer. */
  int status(String path) {
    try {
      return get(path).statusCode();
    } catch (IOException noAnswer) {
      return 0;
    }
  }

  JsonNode json(String path) throws IOException {
    return cluster.json.readTree(get(path).body());
  }

  /** Waits until the orchestrator holds no job SCHEDULED, QUEUED, CLAIMED or RUNNING. */
  void awaitDrained() {
    cluster.await(
        "no job pending or held at " + base,
        () -> {
          try {
            HttpResponse<String> page = get("/jobs?status=pending,claimed&limit=1");
            return page.statusCode() == 200
                && cluster.json.readTree(page.body()).path("jobs").isEmpty();
          } catch (IOException notYet) {
            return false;
          }
        });
  }
}
