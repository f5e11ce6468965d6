/**
 * Recovery: retries with exponential backoff and jitter, per-job timeouts, and the lease sweeper
 * that returns the jobs of dead executors to the queue.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.recovery;
