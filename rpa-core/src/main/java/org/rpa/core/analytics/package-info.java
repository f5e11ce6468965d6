/**
 * Execution analytics from the store: statistics of the executions that finished in a window, whole
 * or grouped by job type, executor, hour or error type ({@link
 * org.rpa.core.analytics.ExecutionStats}); job counts that tell a job waiting for a retry from
 * other scheduled jobs ({@link org.rpa.core.analytics.JobCounts}); the queue depth; and the
 * executions an {@link org.rpa.core.analytics.ExecutionFilter} selects, per job or across jobs,
 * newest first, a page at a time ({@link org.rpa.core.analytics.ExecutionQuery}). {@link
 * org.rpa.core.analytics.Analytics} is the facade.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.analytics;
