package org.rpa.server.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.rpa.core.metrics.ResourceSample;
import org.rpa.core.remote.RemoteJob;
import org.rpa.core.remote.RemoteReport;
import org.rpa.core.remote.RemoteWorker;
import org.rpa.core.remote.WorkerInfo;

/**
 * The orchestrator's client of one worker service: JDK {@link HttpClient}, {@code WORKER_TIMEOUT}
 * on every call, the shared token as {@code Authorization: Bearer}. Each job it hands over carries
 * its dispatch credential ({@link CallbackCredentials}), which the worker must return with the
 * result. Thread-safe.
 */
public final class HttpRemoteWorker implements RemoteWorker {
  private final String url;
  private final String token;
  private final Duration timeout;
  private final HttpClient client;
  private final CallbackCredentials credentials;

  /**
   * @param credentials mint each dispatch's credential; the same on every orchestrator of a cluster
   */
  public HttpRemoteWorker(
      String url, String token, Duration timeout, CallbackCredentials credentials) {
    this.url = url;
    this.token = token;
    this.timeout = timeout;
    this.credentials = java.util.Objects.requireNonNull(credentials, "credentials");
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  public WorkerInfo probe() throws Exception {
    JsonNode status = json(send(request("/status").GET()), 200);
    Map<String, Set<String>> actions = new LinkedHashMap<>();
    status
        .path("actions")
        .fields()
        .forEachRemaining(
            entry -> {
              Set<String> names = new LinkedHashSet<>();
              entry.getValue().forEach(action -> names.add(action.asText()));
              actions.put(entry.getKey(), names);
            });
    JsonNode capacity = status.path("capacity");
    if (!status.hasNonNull("worker_id") || !capacity.has("max_concurrent")) {
      throw new IOException("Worker " + url + " answered /status without worker_id or capacity");
    }
    return new WorkerInfo(
        status.path("worker_id").asText(),
        status.path("hostname").asText(url),
        actions,
        capacity.path("max_concurrent").asInt(),
        capacity.path("current_load").asInt(),
        resources(status.path("resources")));
  }

  /** The worker's resource sample, or null when it reports none (or nonsense). */
  private static ResourceSample resources(JsonNode resources) {
    if (!resources.path("memory_bytes").isIntegralNumber()) {
      return null;
    }
    try {
      return new ResourceSample(
          resources.path("cpu_percent").asDouble(),
          resources.path("memory_bytes").asLong(),
          resources.path("processes").asInt());
    } catch (IllegalArgumentException negative) {
      return null;
    }
  }

  @Override
  public Handover execute(RemoteJob job) throws Exception {
    String credential =
        credentials.sign(job.jobId(), job.occurrence(), job.attempt(), job.executorId());
    byte[] body =
        WorkerProtocol.MAPPER.writeValueAsBytes(JobCodec.execute(job.withCredential(credential)));
    HttpResponse<String> response =
        send(
            request("/execute")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    return switch (response.statusCode()) {
      case 202 -> Handover.ACCEPTED;
      case 429 -> Handover.BUSY;
      default -> Handover.REFUSED;
    };
  }

  @Override
  public RemoteReport report(long jobId) throws Exception {
    JsonNode status = json(send(request("/status/" + jobId).GET()), 200);
    return switch (status.path("status").asText()) {
      case "not_found" -> new RemoteReport(RemoteReport.State.NOT_FOUND, null);
      case "running" -> new RemoteReport(RemoteReport.State.RUNNING, null);
      case "completed", "failed" ->
          new RemoteReport(
              RemoteReport.State.FINISHED, ResultCodec.readResult(status.path("callback")));
      default -> throw new IOException("Worker " + url + " gave an unknown job status");
    };
  }

  private HttpRequest.Builder request(String path) {
    var builder = HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout);
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(HttpResponse<String> response, int expected) throws IOException {
    if (response.statusCode() != expected) {
      throw new IOException("Worker " + url + " answered HTTP " + response.statusCode());
    }
    return WorkerProtocol.MAPPER.readTree(response.body());
  }

  @Override
  public String toString() {
    return url;
  }
}
