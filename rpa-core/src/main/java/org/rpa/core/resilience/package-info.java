/**
 * Named circuit breakers around downstream services (remote workers, the browser grid, the callback
 * endpoint, provider portals, Prometheus). Start at {@link org.rpa.core.resilience.Breakers}.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.resilience;
