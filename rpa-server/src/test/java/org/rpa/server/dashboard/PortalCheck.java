package org.rpa.server.dashboard;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.rpa.automation.evidence.Evidence;
import org.rpa.automation.evidence.Screenshot;
import org.rpa.core.job.Healing;
import org.rpa.core.job.JobContext;
import org.rpa.core.job.JobHandler;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.StepOutcome;
import org.rpa.core.testing.MutableClock;

/**
 * The browser tests' job type {@code demo.check}: it records the steps of a portal check (the
 * second one healed: its first locator missed), stores as the job's evidence a PNG that a real
 * Chromium took of a sandbox portal, and moves the server's clock by each step's duration, so that
 * the execution lasts as long as its steps. A job whose parameters say {@code "hold": true} waits
 * at the gate until the test opens it; {@code "outcome": "failed"} fails as a portal's refusal
 * does; {@code "outcome": "error"} fails as a portal that does not answer does (retried), and
 * {@code "outcome": "flaky"} so on its first attempt only. Thread-safe.
 */
final class PortalCheck implements JobHandler {
  static final String PROVIDER = "demo";
  static final String ACTION = "check";

  final AtomicReference<Evidence> evidence = new AtomicReference<>();
  final AtomicReference<byte[]> screenshot = new AtomicReference<>();
  final Semaphore gate = new Semaphore(0);
  private final MutableClock clock;

  PortalCheck(MutableClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public JobResult handle(JobContext context) throws Exception {
    Object circuit = context.params().getOrDefault("circuit_number", "MFN-100001");
    step(context, "Open login page", StepOutcome.PASSED, null, 640, Map.of("url", "/login"));
    step(context, "Log in", StepOutcome.PASSED, null, 910, Map.of("account", "demo"));
    step(
        context,
        "Find circuit field",
        StepOutcome.HEALED,
        Healing.HEALED,
        1180,
        Map.of("locator", "css=input[name=circuit]"));
    Screenshot shot = evidence.get().save(context.jobId(), "circuit status", screenshot.get());
    step(
        context,
        "Screenshot circuit status",
        StepOutcome.PASSED,
        null,
        120,
        Map.of("screenshot", shot.name()));
    if (Boolean.TRUE.equals(context.params().get("hold"))
        && !gate.tryAcquire(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the test never opened the gate");
    }
    Object outcome = context.params().get("outcome");
    if ("failed".equals(outcome)) {
      step(context, "Read circuit status", StepOutcome.FAILED, null, 300, Map.of());
      return JobResult.businessFailure(
          "CircuitNotFound", "No service found for " + circuit, Map.of("circuit_number", circuit));
    }
    if ("error".equals(outcome) || ("flaky".equals(outcome) && context.attempt() == 1)) {
      return JobResult.technicalFailure("PortalTimeout", "The portal did not answer within 30 s");
    }
    step(context, "Read circuit status", StepOutcome.PASSED, null, 450, Map.of("status", "active"));
    return JobResult.success(
        Map.of("status", "success", "message", "Circuit " + circuit + " is active"));
  }

  private void step(
      JobContext context,
      String name,
      StepOutcome outcome,
      Healing healing,
      long millis,
      Map<String, ?> details) {
    clock.advance(Duration.ofMillis(millis));
    context.steps().record(name, outcome, healing, Duration.ofMillis(millis), details);
  }
}
