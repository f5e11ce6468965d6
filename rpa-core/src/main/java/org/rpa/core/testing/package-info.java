/**
 * A testing kit shipped for users: a settable clock and an orchestrator that runs one pass per
 * call, with no threads.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.testing;
