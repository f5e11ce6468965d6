/**
 * The fleet and the dispatch pipeline: every executor sharing the store (this process, other
 * instances, remote workers), with its lease, load and state ({@link org.rpa.core.dispatch.Fleet});
 * how submits reach the dispatcher, the claim batches in flight and the degradation mode ({@link
 * org.rpa.core.dispatch.Pipeline}). Claiming, running and heartbeats are the engine's, not API.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.dispatch;
