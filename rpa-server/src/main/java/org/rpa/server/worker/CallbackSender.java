package org.rpa.server.worker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import org.rpa.core.remote.RemoteResult;
import org.rpa.core.supervise.SupervisedLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's results on their way to the orchestrator's {@code POST /callbacks/job-complete}, with
 * the shared token, through the breaker {@code orchestrator}, retried with backoff (1 s doubling to
 * 30 s) until the orchestrator answers. A 4xx is the orchestrator refusing the result (the job
 * moved on): it is logged and dropped. A worker that dies with results unsent loses nothing for
 * good: its lease expires and the orchestrator runs those attempts again.
 *
 * <p>Thread-safe; {@link #runOnce()} runs in one supervised thread.
 */
final class CallbackSender implements SupervisedLoop {
  private static final Logger log = LoggerFactory.getLogger(CallbackSender.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_RETRY = Duration.ofSeconds(30);

  private final URI endpoint;
  private final String token;
  private final String workerId;
  private final Duration timeout;
  private final CircuitBreaker breaker;
  private final HttpClient client;
  private final DelayQueue<Pending> queue = new DelayQueue<>();

  CallbackSender(
      String orchestratorUrl,
      String token,
      String workerId,
      Duration timeout,
      CircuitBreaker breaker) {
    this.endpoint = URI.create(orchestratorUrl + "/callbacks/job-complete");
    this.token = token;
    this.workerId = workerId;
    this.timeout = timeout;
    this.breaker = breaker;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  void send(RemoteResult result) {
    queue.add(new Pending(result, 0, System.nanoTime()));
  }

  /** Results not yet taken by the orchestrator. */
  int backlog() {
    return queue.size();
  }

  @Override
  public String name() {
    return "callback_sender";
  }

  @Override
  public void runOnce() throws InterruptedException {
    Pending pending = queue.poll(1, TimeUnit.SECONDS);
    if (pending == null) {
      return;
    }
    try {
      int status = breaker.executeCallable(() -> post(pending.result));
      if (status >= 400) {
        log.warn(
            "Orchestrator refused the result of job {} attempt {}: HTTP {}",
            pending.result.jobId(),
            pending.result.attempt(),
            status);
      }
    } catch (Exception e) {
      Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(pending.tries, 5));
      delay = delay.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : delay;
      log.info(
          "Result of job {} not delivered ({}); retrying in {}",
          pending.result.jobId(),
          e.getMessage(),
          delay);
      queue.add(
          new Pending(pending.result, pending.tries + 1, System.nanoTime() + delay.toNanos()));
    }
  }

  @Override
  public Duration pollInterval() {
    return Duration.ZERO;
  }

  /** Posts one result; a 5xx throws so that the breaker counts it and the result is retried. */
  private int post(RemoteResult result) throws Exception {
    var request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    WorkerProtocol.MAPPER.writeValueAsBytes(
                        ResultCodec.callback(result, workerId))));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 500) {
      throw new java.io.IOException("HTTP " + response.statusCode());
    }
    return response.statusCode();
  }

  private record Pending(RemoteResult result, int tries, long dueNanos) implements Delayed {
    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }
  }
}
