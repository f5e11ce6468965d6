/**
 * Recovery: the retry policy (exponential backoff and jitter, per job type) and what a stale-lease
 * sweep did. The sweeper itself is the engine's, not API.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.recovery;
