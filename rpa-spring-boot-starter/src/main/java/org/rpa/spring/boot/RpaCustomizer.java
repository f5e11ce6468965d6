package org.rpa.spring.boot;

import org.rpa.core.Orchestrator;

/**
 * Changes the orchestrator's builder before it is built, for the settings the {@code rpa.*}
 * properties do not hold: retry policies, a clock, remote workers, callbacks, gauges, another
 * {@code DataSource}. Every {@code RpaCustomizer} bean is called in {@code @Order}, after the
 * properties, the handlers and the meter registry were applied, so a customizer can override them.
 *
 * <pre>{@code
 * @Bean
 * RpaCustomizer retries() {
 *   return builder -> builder.retryPolicy("portal", "download", RetryPolicy.ofDefaults().withMaxAttempts(5));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface RpaCustomizer {

  /** Changes {@code builder}; called once, on the thread that creates the orchestrator bean. */
  void customize(Orchestrator.Builder builder);
}
