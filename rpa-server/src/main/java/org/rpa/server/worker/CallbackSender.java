package org.rpa.server.worker;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
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
import org.rpa.core.resilience.BreakerOptions;
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
 * <p>The breaker half-opens after {@link #BREAKER_OPEN} and a try it does not let through is not
 * counted as one: results wait for the orchestrator, not for their own backoff. Once the
 * orchestrator takes a result, every result waiting is sent at once. Measured on a cluster
 * (FaultMatrixIT, an orchestrator killed and started again within 5 s): with the registry's default
 * breaker (open 30 s) and every refused try doubling its result's wait, the worker held its results
 * 31 s, and its jobs stayed RUNNING that long after they were done.
 *
 * <p>Thread-safe; {@link #runOnce()} runs in one supervised thread.
 */
final class CallbackSender implements SupervisedLoop {
  private static final Logger log = LoggerFactory.getLogger(CallbackSender.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_RETRY = Duration.ofSeconds(30);

  /** How long the breaker {@code orchestrator} stays open before it lets a try through. */
  static final Duration BREAKER_OPEN = Duration.ofSeconds(2);

  /** The options of the breaker {@code orchestrator}. */
  static final BreakerOptions BREAKER =
      BreakerOptions.custom()
          .displayName("Orchestrator (results)")
          .critical(false)
          .waitDurationInOpenState(BREAKER_OPEN)
          .build();

  private final URI endpoint;
  private final String token;
  private final String workerId;
  private final Duration timeout;
  private final CircuitBreaker breaker;
  private final HttpClient client;
  private final DelayQueue<Pending> queue = new DelayQueue<>();
  private volatile boolean failing;

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
      if (failing) {
        failing = false;
        sendWaitingNow();
      }
    } catch (CallNotPermittedException e) {
      // Not a try: the breaker half-opens soon, and the result goes then.
      queue.add(
          new Pending(pending.result, pending.tries, System.nanoTime() + FIRST_RETRY.toNanos()));
    } catch (Exception e) {
      failing = true;
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

  /** The orchestrator answers: the results backing off from its outage need not wait longer. */
  private void sendWaitingNow() {
    long now = System.nanoTime();
    for (Pending waiting : queue) {
      if (waiting.dueNanos > now && queue.remove(waiting)) {
        queue.add(new Pending(waiting.result, 0, now));
      }
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
