package org.rpa.server.http;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rpa.core.job.Healing;
import org.rpa.core.job.JobHandler;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.StepOutcome;
import org.rpa.core.metrics.ResourceSample;
import org.rpa.core.recovery.RetryPolicy;
import org.rpa.core.store.ClaimedJob;
import org.rpa.core.store.ExecutorRecord;
import org.rpa.core.store.Transition;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;

/**
 * A known history on 2026-03-02 in a database, built by two in-process executors ({@code exec-a},
 * {@code exec-b}) and a remote worker that only the store sees ({@code worker-c}), over three hours
 * and three job types. Each job's parameter {@code script} says what each of its executions does:
 * {@code ok}, {@code biz} (a business failure) or {@code tech} (a technical failure), after how
 * many milliseconds of the clock. Retries wait 2 s, then 4 s; the clock ends at 11:10.
 *
 * <pre>
 * job  type              attempt  status     ms     executor  finished      error
 * j1   mfn.validation    1        SUCCESS    1000   exec-a    09:00:01
 * j2   mfn.validation    1        SUCCESS    2000   exec-a    09:00:03
 * j3   mfn.validation    1        FAILED      500   exec-a    09:00:03.5    CircuitNotFound
 * j4   osn.cancellation  1        FAILED      300   exec-a    09:00:03.8    PortalDown
 * j4   osn.cancellation  2        SUCCESS    1200   exec-b    09:00:11.2
 * j5   osn.cancellation  1        TIMEOUT   31000   exec-a    09:30:31      Timeout
 * j5   osn.cancellation  2        SUCCESS     800   exec-a    09:30:40.8
 * j6   demo.report       1        SUCCESS    4000   exec-b    10:00:04      (recurring, occurrence 1)
 * j7   mfn.validation    1, 2, 3  FAILED      100   exec-a    10:15:00.1, 10:15:05.1, 10:15:10.1  PortalDown
 * j8   osn.cancellation  1        CANCELLED     -   worker-c  10:20:30      Cancelled
 * j9   mfn.validation    1        SUCCESS    3000   exec-a    11:05:03
 * j10  osn.cancellation  1        SUCCESS    1500   exec-a    11:05:04.5
 * j6   demo.report       1        SUCCESS     600   exec-a    11:05:05.1    (occurrence 2)
 * j15  osn.cancellation  1        RUNNING       -   worker-c  -
 * </pre>
 *
 * Steps that needed healing: j1 one HEALED (09:00:00), j2 one HEALED and one NOT_HEALED, j9 one
 * NO_ALTERNATIVE and one HEALED (11:05:00). At 11:10 j11 waits for 13:00, j14 for 12:00, j6 for its
 * next occurrence; j12 and j13 are QUEUED. {@code exec-a} is idle (12.5 % CPU, 256 MiB, one
 * process), {@code exec-b} offline since its lease ended at 10:01:05 (no sample), {@code worker-c}
 * busy with j15 (150.5 % CPU, 1536 MiB, four processes).
 */
final class FleetHistory implements AutoCloseable {
  static final String VALIDATION = "mfn.validation";
  static final String CANCELLATION = "osn.cancellation";
  static final String REPORT = "demo.report";
  static final Instant END = at("11:10:00");

  final MutableClock clock = MutableClock.at(at("09:00:00"));
  final ManualOrchestrator a;
  final ManualOrchestrator b;
  private final Map<String, JobId> jobs = new HashMap<>();
  private final Map<JobId, Integer> calls = new HashMap<>();

  private FleetHistory(String databaseUrl) {
    a = orchestrator(databaseUrl, "exec-a");
    b = orchestrator(databaseUrl, "exec-b");
  }

  static Instant at(String time) {
    return Instant.parse("2026-03-02T" + time + "Z");
  }

  static FleetHistory build(String databaseUrl) {
    var history = new FleetHistory(databaseUrl);
    history.play();
    return history;
  }

  /** The id of the job submitted under {@code name}, {@code j1} to {@code j15}. */
  long job(String name) {
    return jobs.get(name).value();
  }

  private void play() {
    jobs.put("j1", a.jobs().submit(request(VALIDATION, "ok:1000").param("healing", "HEALED")));
    jobs.put(
        "j2",
        a.jobs().submit(request(VALIDATION, "ok:2000").param("healing", "HEALED,NOT_HEALED")));
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
                request(REPORT, "ok:4000,ok:600")
                    .recurrence("interval:PT1H")
                    .runAt(at("10:00:00"))));
    tickAt("10:00:00", b);
    clock.set(at("10:00:05"));
    a.store().heartbeat("exec-b", 0, null, clock.instant(), at("10:01:05"));

    clock.set(at("10:15:00"));
    submit("j7", VALIDATION, "tech:100,tech:100,tech:100");
    a.tick();
    tickAt("10:15:05", a);
    tickAt("10:15:10", a);

    clock.set(at("10:20:00"));
    JobId cancelled = startElsewhere("j8");
    clock.set(at("10:20:30"));
    a.jobs().cancel(cancelled);

    clock.set(at("11:05:00"));
    jobs.put(
        "j9",
        a.jobs()
            .submit(
                request(VALIDATION, "ok:3000")
                    .priority(5)
                    .param("healing", "NO_ALTERNATIVE,HEALED")));
    jobs.put("j10", a.jobs().submit(request(CANCELLATION, "ok:1500").priority(5)));
    a.tick();

    clock.set(END);
    jobs.put("j11", a.jobs().submit(request(VALIDATION, "ok:1").runAt(at("13:00:00"))));
    submit("j12", VALIDATION, "ok:1");
    submit("j13", VALIDATION, "ok:1");
    jobs.put(
        "j14",
        a.jobs().submit(request(REPORT, "ok:1").recurrence("interval:PT1H").runAt(at("12:00:00"))));
    startElsewhere("j15");
    a.store()
        .registerExecutor(
            new ExecutorRecord(
                "worker-c",
                "host-c",
                "remote",
                "http://10.0.0.3:8621",
                2,
                1,
                at("10:00:00"),
                END,
                END.plusSeconds(60),
                null,
                new ResourceSample(150.5, 1536L * 1024 * 1024, 4)));
    a.store()
        .heartbeat(
            "exec-a", 0, new ResourceSample(12.5, 256L * 1024 * 1024, 1), END, END.plusSeconds(60));
  }

  private void submit(String name, String type, String script) {
    jobs.put(name, a.jobs().submit(request(type, script)));
  }

  private void tickAt(String time, ManualOrchestrator executor) {
    clock.set(at(time));
    executor.tick();
  }

  /** Submits a cancellation that {@code worker-c} claims and starts through the store. */
  private JobId startElsewhere(String name) {
    submit(name, CANCELLATION, "ok:1");
    ClaimedJob claimed =
        a.store().claim("worker-c", Set.of(CANCELLATION), 1, clock.instant()).jobs().get(0);
    a.store().apply(List.of(Transition.start(claimed, clock.instant())));
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
    for (String type : List.of(VALIDATION, CANCELLATION, REPORT)) {
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
      Object healing = context.params().get("healing");
      if (healing != null) {
        for (String name : ((String) healing).split(",")) {
          context
              .steps()
              .record("find", StepOutcome.HEALED, Healing.valueOf(name), Duration.ZERO, Map.of());
        }
      }
      clock.advance(Duration.ofMillis(Long.parseLong(step[1])));
      return switch (step[0]) {
        case "ok" -> JobResult.success();
        case "biz" -> JobResult.businessFailure("CircuitNotFound", "circuit not found");
        case "tech" -> JobResult.technicalFailure("PortalDown", "502 from the portal");
        default -> throw new IllegalArgumentException(step[0]);
      };
    };
  }

  @Override
  public void close() {
    try {
      b.close();
    } finally {
      a.close();
    }
  }
}
