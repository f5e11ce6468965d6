/**
 * Supervision of the engine's background loops (dispatcher, lease sweeper, scheduler, metrics
 * collector): each runs in its own thread, and a crashed loop is restarted with exponential backoff
 * until it has crashed too often. Start at {@link org.rpa.core.supervise.Supervisor}.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.supervise;
