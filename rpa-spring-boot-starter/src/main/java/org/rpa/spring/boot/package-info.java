/**
 * Spring Boot auto-configuration for an embedded rpa orchestrator: an {@link
 * org.rpa.core.Orchestrator} on the application's {@code DataSource}, configured by the {@code
 * rpa.*} properties ({@link org.rpa.spring.boot.RpaProperties}), running the {@link
 * org.rpa.spring.boot.RpaHandler} beans, started and stopped with the application context, with an
 * actuator health indicator and the application's Micrometer registry when there are.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.spring.boot;
