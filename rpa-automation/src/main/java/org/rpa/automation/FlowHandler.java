package org.rpa.automation;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.WebDriverException;
import org.rpa.automation.browser.SessionPool;
import org.rpa.automation.evidence.EvidenceException;
import org.rpa.core.job.JobCancelledException;
import org.rpa.core.job.JobContext;
import org.rpa.core.job.JobGate;
import org.rpa.core.job.JobHandler;
import org.rpa.core.job.JobResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Flow} as a job: breaker, session lease, steps, the documented result shape. As a
 * {@link JobGate} it holds the provider's jobs in the queue, attempts untouched, while the portal's
 * breaker is open.
 */
final class FlowHandler implements JobHandler, JobGate {
  private static final Logger log = LoggerFactory.getLogger(FlowHandler.class);
  private final String provider;
  private final String action;
  private final Flow flow;
  private final BrowserAutomation automation;
  private final PortalBreakers breakers;

  FlowHandler(
      String provider,
      String action,
      Flow flow,
      BrowserAutomation automation,
      PortalBreakers breakers) {
    this.provider = provider;
    this.action = action;
    this.flow = flow;
    this.automation = automation;
    this.breakers = breakers;
  }

  @Override
  public Optional<Instant> holdUntil(String provider, String action, Instant now) {
    return breakers.openUntil(provider, now);
  }

  /**
   * Runs the flow under the portal's breaker. Every permit taken is given back exactly once: a
   * success or a failure by the flow's outcome; a failure too when the browser cannot be started or
   * anything else fails unexpectedly; a released permit (no call) when the job is interrupted or
   * cancelled, while it waits for a session or later. So a half-open breaker never waits for a
   * probe that will not come back.
   */
  @Override
  public JobResult handle(JobContext job) throws Exception {
    long start = System.nanoTime();
    CircuitBreaker breaker = breakers.breaker(provider);
    if (!breaker.tryAcquirePermission()) {
      return failure(
          job,
          start,
          FlowFailure.technical(
              "PortalUnavailable", "The " + provider + " portal's circuit breaker is open"));
    }
    Permit permit = new Permit(breaker, start);
    try {
      return run(job, permit, start);
    } catch (EvidenceException e) {
      // Our disk, not the portal: no call of the breaker's to count.
      permit.release();
      return failure(job, start, FlowFailure.technical("EvidenceError", e.getMessage()));
    } catch (InterruptedException | JobCancelledException e) {
      permit.release();
      throw e;
    } catch (Exception e) {
      permit.failed(e);
      throw e;
    } finally {
      permit.release();
    }
  }

  private JobResult run(JobContext job, Permit permit, long start) throws Exception {
    String account =
        provider
            + ":"
            + automation
                .secrets()
                .find(org.rpa.automation.flows.ProviderFlows.accountVariable(provider))
                .orElse("default");
    Object circuit = job.params().get("circuit_number");
    if (circuit != null) {
      automation.evidence().subject(job.jobId(), circuit.toString());
    }
    try (SessionPool.Lease lease = automation.pool().acquire(account, job.jobId().toString())) {
      Steps steps = automation.steps(lease.driver(), job);
      try {
        Map<String, Object> data =
            flow.run(new FlowContext(steps, job, automation.secrets(), automation.totp()));
        permit.succeeded();
        Map<String, Object> details = details(job, start);
        details.putAll(data);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", "success");
        result.put("message", completedMessage(action));
        result.put("details", details);
        result.put("screenshots", automation.evidence().list(job.jobId()).size());
        log.info("{} {} completed in {} s", provider, action, details.get("processing_time"));
        return JobResult.success(result);
      } catch (FlowFailure failure) {
        if (failure.isBusiness() || "AuthenticationError".equals(failure.type())) {
          permit.succeeded();
        } else {
          permit.failed(failure);
        }
        return failure(job, start, failure);
      } catch (StepFailedException | WebDriverException e) {
        permit.failed(e);
        if (e instanceof WebDriverException) {
          lease.markBroken();
        }
        String type = e instanceof StepFailedException ? "StepFailed" : "BrowserError";
        return failure(job, start, FlowFailure.technical(type, e.getMessage()));
      }
    }
  }

  private Map<String, Object> details(JobContext job, long start) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("provider", provider);
    details.put("action", action);
    details.put("circuit_number", String.valueOf(job.params().getOrDefault("circuit_number", "")));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    details.put("processing_time", clockTime(took));
    details.put("processing_seconds", took.toMillis() / 1000.0);
    return details;
  }

  /** {@code "Validation completed successfully"}: the action's name, words apart, capitalised. */
  static String completedMessage(String action) {
    String words = action.replace('_', ' ').replace('-', ' ').strip();
    if (words.isEmpty()) {
      return "Completed successfully";
    }
    return Character.toUpperCase(words.charAt(0)) + words.substring(1) + " completed successfully";
  }

  /**
   * A duration as {@code HH:MM:SS} ({@code "00:03:45"}), whole seconds, hours counted on past 24.
   */
  static String clockTime(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    return String.format(
        Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  }

  private JobResult failure(JobContext job, long start, FlowFailure failure) {
    if (failure.isBusiness()) {
      log.info("{} {} failed: {}: {}", provider, action, failure.type(), failure.getMessage());
    } else {
      log.warn("{} {} failed: {}: {}", provider, action, failure.type(), failure.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "error");
    body.put("message", failure.getMessage());
    body.put("error", failure.getMessage());
    body.put("error_type", failure.type());
    body.put("retry_count", job.attempt());
    Map<String, Object> details = details(job, start);
    details.putAll(failure.details());
    body.put("details", details);
    return failure.isBusiness()
        ? JobResult.businessFailure(failure.type(), failure.getMessage(), body)
        : JobResult.technicalFailure(failure.type(), failure.getMessage(), body);
  }

  /**
   * One breaker permit, given back once: the first outcome recorded wins, later ones are no-ops.
   */
  private static final class Permit {
    private final CircuitBreaker breaker;
    private final long start;
    private boolean settled;

    Permit(CircuitBreaker breaker, long start) {
      this.breaker = breaker;
      this.start = start;
    }

    void succeeded() {
      if (settle()) {
        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      }
    }

    void failed(Throwable error) {
      if (settle()) {
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, error);
      }
    }

    /** No call was made (interrupted, cancelled): the permit goes back uncounted. */
    void release() {
      if (settle()) {
        breaker.releasePermission();
      }
    }

    private boolean settle() {
      boolean first = !settled;
      settled = true;
      return first;
    }
  }
}
