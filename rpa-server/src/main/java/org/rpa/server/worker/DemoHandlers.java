package org.rpa.server.worker;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rpa.core.job.JobHandler;
import org.rpa.core.job.JobResult;

/**
 * Two job types for trying a deployment without a browser ({@code WORKER_DEMO_HANDLERS=true}):
 * {@code demo.echo} returns its parameters; {@code demo.whoami} returns the job id, attempt and
 * idempotency key its handler sees; {@code demo.sleep} waits {@code ms} milliseconds (default 100),
 * ending early if cancelled, then returns {@code {"slept_ms": ms}}.
 */
public final class DemoHandlers {
  public static final String PROVIDER = "demo";

  private DemoHandlers() {}

  /** {@code provider.action} → handler. */
  public static Map<String, JobHandler> all() {
    var handlers = new LinkedHashMap<String, JobHandler>();
    handlers.put(PROVIDER + ".echo", ctx -> JobResult.success(ctx.params()));
    handlers.put(
        PROVIDER + ".whoami",
        ctx ->
            JobResult.success(
                Map.of(
                    "job_id", ctx.jobId().value(),
                    "attempt", ctx.attempt(),
                    "idempotency_key", ctx.idempotencyKey())));
    handlers.put(
        PROVIDER + ".sleep",
        ctx -> {
          Object value = ctx.params().getOrDefault("ms", 100);
          long ms = value instanceof Number number ? number.longValue() : 100;
          if (ctx.awaitCancellation(Duration.ofMillis(ms))) {
            return JobResult.technicalFailure("Cancelled", "Stopped while sleeping");
          }
          return JobResult.success(Map.of("slept_ms", ms));
        });
    return handlers;
  }
}
