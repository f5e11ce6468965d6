/**
 * Dispatch: claiming due jobs in batches, running them on a bounded pool, writing starts and
 * finishes in batches, and one lease heartbeat per executor.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.dispatch;
