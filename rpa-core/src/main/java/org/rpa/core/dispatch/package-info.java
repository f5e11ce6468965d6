/**
 * The fleet: every executor sharing the store (this process, other instances, remote workers), with
 * its lease, load and state. Claiming, running and heartbeats are the engine's, not API.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.dispatch;
