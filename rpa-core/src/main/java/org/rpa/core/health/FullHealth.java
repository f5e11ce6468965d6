package org.rpa.core.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.rpa.core.resilience.BreakerSummary;
import org.rpa.core.supervise.LoopStatus;

/**
 * The whole system's health, as the orchestrator's {@code fullHealth()} checks it: the store and
 * the background loops checked now, the downstream services as their last scheduled probe found
 * them, the circuit breakers and the wake-up channel as they are.
 *
 * <p>The verdict applies {@link HealthReport}'s rule to these components, in this order: {@code
 * store} (critical), {@code wakeups} (degraded while submits are found by polling), {@code
 * executors} (critical: unhealthy while no executor can run jobs, degraded while a remote worker is
 * offline), {@code dispatcher} (critical: the critical loops run; degraded when another loop does
 * not), each probed service (critical when it or its breaker is; a service not probed yet is left
 * out), and {@code circuit_breakers} (critical: unhealthy while a critical breaker is open,
 * degraded while another is).
 *
 * @param verdict the overall status, readiness and message, over the components above
 * @param store the job store's check, its details naming the engine and its version
 * @param wakeups how submits reach the dispatcher, its details giving the mechanism and state
 * @param services every probed service in registration order, probed or not
 * @param breakers counts of the circuit breakers by state
 * @param loops the supervised background loops
 */
public record FullHealth(
    HealthReport verdict,
    ComponentHealth store,
    ComponentHealth wakeups,
    List<ServiceStatus> services,
    BreakerSummary breakers,
    List<LoopStatus> loops,
    Instant checkedAt) {
  public FullHealth {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(wakeups, "wakeups");
    services = List.copyOf(services);
    Objects.requireNonNull(breakers, "breakers");
    loops = List.copyOf(loops);
    Objects.requireNonNull(checkedAt, "checkedAt");
  }
}
