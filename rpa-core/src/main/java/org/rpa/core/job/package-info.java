/**
 * The job model: jobs, their executions and steps, the status table, handlers and requests.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.job;
