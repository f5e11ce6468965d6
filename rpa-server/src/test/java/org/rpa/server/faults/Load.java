package org.rpa.server.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator: {@code POST /jobs} of {@code demo.sleep} jobs at a set rate, spread round
 * robin over the orchestrators, each with its own {@code Idempotency-Key}. A submit that gets no
 * answer or a 5xx is sent again with the same key to the next orchestrator after a pause that
 * doubles (1, 2, 4 s: long enough for a lone orchestrator to restart), three times at most, as a
 * careful client would; a 200 then is the job the first attempt created after all (a replay).
 *
 * <p>Every acknowledged id is recorded with the matrix row in force when it was first sent, and
 * every refusal (each attempt that got no 2xx) is counted per row. Thread-safe: a scheduler thread
 * submits, the HTTP client's threads record.
 */
final class Load implements AutoCloseable {
  static final int ATTEMPTS = 4;
  private static final long FIRST_PAUSE_MILLIS = 1_000;
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final long TICK_MILLIS = 50;

  /**
   * An acknowledged job: its id, its key, the row it belongs to, whether it was a replay, and when
   * the answer came ({@code System.nanoTime()}).
   */
  record Ack(long id, String key, String row, boolean replayed, long nanos) {}

  /** An attempt that got no 2xx: its status (0: no answer) and the body, or the failure. */
  record Refusal(String row, int status, String body) {}

  private final List<String> orchestrators;
  private final String token;
  private final double perSecond;
  private final long seed;
  private final Random random;
  private final int maxSleepMillis;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "rpa-load-1");
            thread.setDaemon(true);
            return thread;
          });
  private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
  private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Refusal> answers = new ConcurrentLinkedQueue<>();
  private final Map<String, ConcurrentLinkedQueue<String>> abandoned = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong sequence = new AtomicLong();
  private volatile String row = "warm-up";
  private volatile boolean running;
  private double credit;

  Load(List<String> orchestrators, String token, double perSecond, long seed, int maxSleepMillis) {
    this.orchestrators = List.copyOf(orchestrators);
    this.token = token;
    this.perSecond = perSecond;
    this.seed = seed;
    this.random = new Random(seed);
    this.maxSleepMillis = maxSleepMillis;
    ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Submits from now on, recording what follows under {@code name}. */
  void run(String name) {
    row = name;
    running = true;
  }

  /** Stops submitting; the answers of submits in flight are still recorded. */
  void pause() {
    running = false;
  }

  /** True when no submit awaits an answer. */
  boolean quiet() {
    return pending.get() == 0;
  }

  List<Ack> acks(String name) {
    return acks.stream().filter(ack -> ack.row().equals(name)).toList();
  }

  int sent(String name) {
    return count(sent, name);
  }

  int refusals(String name) {
    return count(refusals, name);
  }

  /** Every attempt of {@code name} that got no 2xx, in the order the answers came. */
  List<Refusal> refused(String name) {
    return answers.stream().filter(refusal -> refusal.row().equals(name)).toList();
  }

  /** The keys of the submits that got no acknowledgement after every attempt. */
  List<String> abandoned(String name) {
    var keys = abandoned.get(name);
    return keys == null ? List.of() : List.copyOf(keys);
  }

  private static int count(Map<String, AtomicInteger> counts, String name) {
    AtomicInteger count = counts.get(name);
    return count == null ? 0 : count.get();
  }

  private void tick() {
    if (!running) {
      credit = 0;
      return;
    }
    credit += perSecond * TICK_MILLIS / 1000.0;
    while (credit >= 1) {
      credit -= 1;
      long n = sequence.getAndIncrement();
      String body = body(1 + random.nextInt(maxSleepMillis));
      String key = "fault-" + seed + "-" + n;
      sent.computeIfAbsent(row, any -> new AtomicInteger()).incrementAndGet();
      submit(row, key, body, (int) (n % orchestrators.size()), 1);
    }
  }

  private String body(int sleepMillis) {
    return "{\"provider\":\"demo\",\"action\":\"sleep\",\"parameters\":{\"ms\":"
        + sleepMillis
        + "}}";
  }

  private void submit(String row, String key, String body, int orchestrator, int attempt) {
    var request =
        HttpRequest.newBuilder(URI.create(orchestrators.get(orchestrator) + "/jobs"))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    pending.incrementAndGet();
    client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .whenComplete(
            (response, failure) -> {
              try {
                int status = failure == null ? response.statusCode() : 0;
                if (status == 201 || status == 200) {
                  acks.add(
                      new Ack(id(response.body()), key, row, status == 200, System.nanoTime()));
                  return;
                }
                refusals.computeIfAbsent(row, any -> new AtomicInteger()).incrementAndGet();
                answers.add(
                    new Refusal(
                        row, status, failure == null ? response.body() : failure.toString()));
                boolean again = status == 0 || status >= 500 || status == 429;
                if (again && attempt < ATTEMPTS) {
                  // Still pending while it waits: the settle must not take the pause for quiet.
                  pending.incrementAndGet();
                  ticker.schedule(
                      () -> {
                        try {
                          submit(
                              row,
                              key,
                              body,
                              (orchestrator + 1) % orchestrators.size(),
                              attempt + 1);
                        } finally {
                          pending.decrementAndGet();
                        }
                      },
                      FIRST_PAUSE_MILLIS << (attempt - 1),
                      TimeUnit.MILLISECONDS);
                } else {
                  abandoned.computeIfAbsent(row, any -> new ConcurrentLinkedQueue<>()).add(key);
                }
              } finally {
                pending.decrementAndGet();
              }
            });
  }

  private long id(String body) {
    try {
      return json.readTree(body).path("id").asLong();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("not a job: " + body, e);
    }
  }

  @Override
  public void close() {
    running = false;
    ticker.shutdownNow();
  }
}
