/**
 * rpa's core: an embeddable orchestrator for durable jobs. Start at {@link
 * org.rpa.core.Orchestrator#builder()}.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core;
