package org.rpa.core.health;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs registered checks in parallel, each isolated and bounded by its own timeout. */
final class CheckRunner {
  record Registration(HealthIndicator indicator, Duration timeout) {}

  private record Outcome(HealthCheck check, long nanos) {}

  private record Pending(Registration registration, Future<Outcome> future, long submittedAt) {}

  private final Clock clock;

  CheckRunner(Clock clock) {
    this.clock = clock;
  }

  List<ComponentHealth> run(List<Registration> registrations, ExecutorService executor) {
    List<Pending> pending = new ArrayList<>(registrations.size());
    List<ComponentHealth> results = new ArrayList<>(registrations.size());
    for (Registration registration : registrations) {
      long submittedAt = System.nanoTime();
      try {
        pending.add(
            new Pending(registration, executor.submit(() -> check(registration)), submittedAt));
      } catch (RejectedExecutionException e) {
        pending.add(new Pending(registration, null, submittedAt));
      }
    }
    for (Pending each : pending) {
      results.add(await(each));
    }
    return results;
  }

  private Outcome check(Registration registration) {
    long start = System.nanoTime();
    HealthCheck check;
    try {
      check = registration.indicator().check();
      if (check == null) {
        check = HealthCheck.unhealthy("check returned null");
      }
    } catch (RuntimeException | Error e) {
      check = HealthCheck.unhealthy(describe(e));
    }
    return new Outcome(check, System.nanoTime() - start);
  }

  private ComponentHealth await(Pending pending) {
    if (pending.future() == null) {
      return failed(pending, "not checked: the health executor is saturated or closed");
    }
    // Checks run in parallel, so each deadline counts from its own submission.
    long remaining =
        pending.registration().timeout().toNanos() - (System.nanoTime() - pending.submittedAt());
    try {
      Outcome outcome = pending.future().get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
      return component(pending.registration(), outcome.check(), Duration.ofNanos(outcome.nanos()));
    } catch (TimeoutException e) {
      pending.future().cancel(true);
      return failed(
          pending, "timed out after " + pending.registration().timeout().toMillis() + " ms");
    } catch (InterruptedException e) {
      pending.future().cancel(true);
      Thread.currentThread().interrupt();
      return failed(pending, "not checked: interrupted");
    } catch (ExecutionException e) {
      return failed(pending, describe(e.getCause()));
    } catch (java.util.concurrent.CancellationException e) {
      return failed(pending, "not checked: cancelled");
    }
  }

  private ComponentHealth failed(Pending pending, String message) {
    return component(
        pending.registration(),
        HealthCheck.unhealthy(message),
        Duration.ofNanos(System.nanoTime() - pending.submittedAt()));
  }

  private ComponentHealth component(
      Registration registration, HealthCheck check, Duration latency) {
    HealthIndicator indicator = registration.indicator();
    return new ComponentHealth(
        indicator.name(),
        indicator.criticality(),
        check.status(),
        check.message(),
        check.details(),
        latency,
        clock.instant());
  }

  private static String describe(Throwable error) {
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
  }
}
