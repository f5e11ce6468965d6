package org.rpa.spring.boot;

import java.util.Objects;
import org.rpa.core.job.JobHandler;

/**
 * A job handler for the orchestrator, declared as a bean: every {@code RpaHandler} in the
 * application context runs its jobs' provider and action in this process.
 *
 * <pre>{@code
 * @Bean
 * RpaHandler echo() {
 *   return RpaHandler.of("demo", "echo", context -> JobResult.success(context.params()));
 * }
 * }</pre>
 *
 * <p>The handler is called on the orchestrator's handler threads, for many jobs at once (see {@link
 * JobHandler}).
 *
 * @param provider the jobs' provider, as in {@code JobRequest.of(provider, action)}
 * @param action the jobs' action
 * @param handler what runs each execution
 */
public record RpaHandler(String provider, String action, JobHandler handler) {
  public RpaHandler {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(handler, "handler");
  }

  /** A handler of the jobs of {@code provider} and {@code action}. */
  public static RpaHandler of(String provider, String action, JobHandler handler) {
    return new RpaHandler(provider, action, handler);
  }
}
