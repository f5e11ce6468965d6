package org.rpa.server.http;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rpa.core.job.JobHandler;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.recovery.RetryPolicy;
import org.rpa.core.store.ClaimedJob;
import org.rpa.core.store.Transition;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;

/**
 * A known history on 2026-03-02, written into a database before a server opens it: two executors
 * ({@code exec-a}, closed at the end, and {@code exec-b}, still online) and a third that only the
 * store sees ({@code worker-c}), three hours, three job types. Each job's parameter {@code script}
 * says what its executions do, in order: {@code ok}, {@code biz} (a business failure) or {@code
 * tech} (a technical failure), after how many milliseconds. Retries wait 2 s, then 4 s. The clock
 * ends at 11:05:06, where the server starts.
 *
 * <pre>
 * job  type                attempt  status     ms     executor  started       finished
 * j1   mfn.validation      1        SUCCESS    1000   exec-a    09:00:00      09:00:01     (reference "Circuit S-1 check")
 * j2   mfn.validation      1        SUCCESS    2000   exec-a    09:00:01      09:00:03
 * j3   mfn.validation      1        FAILED      500   exec-a    09:00:03      09:00:03.5   CircuitNotFound
 * j4   osn.cancellation    1        FAILED      300   exec-a    09:00:03.5    09:00:03.8   PortalDown
 * j4   osn.cancellation    2        SUCCESS    1200   exec-b    09:00:10      09:00:11.2
 * j5   osn.cancellation    1        TIMEOUT   31000   exec-a    09:30:00      09:30:31     Timeout
 * j5   osn.cancellation    2        SUCCESS     800   exec-a    09:30:40      09:30:40.8
 * j6   octotel.validation  1        SUCCESS    4000   exec-b    10:00:00      10:00:04     (recurring, occurrence 1)
 * j7   mfn.validation      1, 2, 3  FAILED      100   exec-a    10:15:00, 10:15:05, 10:15:10  PortalDown
 * j8   osn.cancellation    1        CANCELLED     -   worker-c  10:20:00      10:20:30     Cancelled
 * j9   mfn.validation      1        SUCCESS    3000   exec-a    11:05:00      11:05:03
 * j10  osn.cancellation    1        SUCCESS    1500   exec-a    11:05:03      11:05:04.5
 * j6   octotel.validation  1        FAILED      600   exec-a    11:05:04.5    11:05:05.1   PortalDown (occurrence 2)
 * j15  osn.cancellation    1        RUNNING       -   exec-b    11:05:06      -
 * </pre>
 *
 * Left at 11:05:06: j6 waits for its retry at 11:05:07.1 (SCHEDULED, RECURRING), j11 waits for
 * 13:00 and j14 (RECURRING) for 12:00 (SCHEDULED), j12 and j13 are QUEUED, j15 RUNNING.
 */
final class MonitoringHistory implements AutoCloseable {
  static final String DAY = "2026-03-02T";
  static final String VALIDATION = "mfn.validation";
  static final String CANCELLATION = "osn.cancellation";
  static final String RECURRING = "octotel.validation";

  final MutableClock clock = MutableClock.at(at("09:00:00"));
  private final ManualOrchestrator a;
  private final ManualOrchestrator b;
  private final Map<String, JobId> jobs = new HashMap<>();
  private final Map<JobId, Integer> calls = new HashMap<>();

  private MonitoringHistory(String databaseUrl) {
    a = orchestrator(databaseUrl, "exec-a");
    b = orchestrator(databaseUrl, "exec-b");
  }

  static Instant at(String time) {
    return Instant.parse(DAY + time + "Z");
  }

  static MonitoringHistory build(String databaseUrl) {
    var history = new MonitoringHistory(databaseUrl);
    history.play();
    return history;
  }

  /** The id of the job submitted as {@code name}, {@code j1} to {@code j15}. */
  long id(String name) {
    return jobs.get(name).value();
  }

  private void play() {
    jobs.put("j1", a.jobs().submit(request(VALIDATION, "ok:1000").reference("Circuit S-1 check")));
    submit("j2", VALIDATION, "ok:2000");
    submit("j3", VALIDATION, "biz:500");
    submit("j4", CANCELLATION, "tech:300,ok:1200");
    a.tick();
    tickAt("09:00:10", b);

    clock.set(at("09:30:00"));
    jobs.put(
        "j5",
        a.jobs().submit(request(CANCELLATION, "ok:31000,ok:800").timeout(Duration.ofSeconds(30))));
    a.tick();
    tickAt("09:30:40", a);

    clock.set(at("09:45:00"));
    jobs.put(
        "j6",
        a.jobs()
            .submit(
                request(RECURRING, "ok:4000,tech:600")
                    .recurrence("interval:PT1H")
                    .runAt(at("10:00:00"))));
    tickAt("10:00:00", b);

    clock.set(at("10:15:00"));
    submit("j7", VALIDATION, "tech:100,tech:100,tech:100");
    a.tick();
    tickAt("10:15:05", a);
    tickAt("10:15:10", a);

    clock.set(at("10:20:00"));
    JobId cancelled = startElsewhere("j8", "worker-c");
    clock.set(at("10:20:30"));
    a.jobs().cancel(cancelled);

    clock.set(at("11:05:00"));
    jobs.put("j9", a.jobs().submit(request(VALIDATION, "ok:3000").priority(5)));
    jobs.put("j10", a.jobs().submit(request(CANCELLATION, "ok:1500").priority(5)));
    a.tick();

    clock.set(at("11:05:06"));
    jobs.put("j11", a.jobs().submit(request(VALIDATION, "ok:1").runAt(at("13:00:00"))));
    submit("j12", VALIDATION, "ok:1");
    submit("j13", VALIDATION, "ok:1");
    jobs.put(
        "j14",
        a.jobs()
            .submit(request(RECURRING, "ok:1").recurrence("interval:PT1H").runAt(at("12:00:00"))));
    // Started through the store by an executor whose lease is live, so no recovery takes it.
    startElsewhere("j15", "exec-b");
    b.heartbeat();
    a.close();
  }

  private void submit(String name, String type, String script) {
    jobs.put(name, a.jobs().submit(request(type, script)));
  }

  private void tickAt(String time, ManualOrchestrator executor) {
    clock.set(at(time));
    executor.tick();
  }

  /** Submits a cancellation that {@code executor} claims and starts through the store. */
  private JobId startElsewhere(String name, String executor) {
    submit(name, CANCELLATION, "ok:1");
    ClaimedJob claimed =
        b.store().claim(executor, Set.of(CANCELLATION), 1, clock.instant()).jobs().get(0);
    b.store().apply(List.of(Transition.start(claimed, clock.instant())));
    return claimed.id();
  }

  private static JobRequest request(String type, String script) {
    String[] parts = type.split("\\.");
    return JobRequest.of(parts[0], parts[1]).param("script", script);
  }

  private ManualOrchestrator orchestrator(String databaseUrl, String executor) {
    var builder =
        ManualOrchestrator.builder()
            .database(databaseUrl)
            .clock(clock)
            .executorName(executor)
            .retryPolicy(
                RetryPolicy.ofDefaults()
                    .withBackoff(Duration.ofSeconds(2), 2.0, Duration.ofMinutes(1))
                    .withJitter(0.0));
    for (String type : List.of(VALIDATION, CANCELLATION, RECURRING)) {
      String[] parts = type.split("\\.");
      builder.handler(parts[0], parts[1], scripted());
    }
    return builder.build();
  }

  private JobHandler scripted() {
    return context -> {
      String[] script = ((String) context.params().get("script")).split(",");
      int call = calls.merge(context.jobId(), 1, Integer::sum) - 1;
      String[] step = script[call].split(":");
      clock.advance(Duration.ofMillis(Long.parseLong(step[1])));
      return switch (step[0]) {
        case "ok" -> JobResult.success(Map.of("checked", true));
        case "biz" -> JobResult.businessFailure("CircuitNotFound", "circuit not found");
        case "tech" -> JobResult.technicalFailure("PortalDown", "502 from the portal");
        default -> throw new IllegalArgumentException(step[0]);
      };
    };
  }

  /** Closes the executor that is still open; the server keeps the database. */
  @Override
  public void close() {
    b.close();
  }
}
