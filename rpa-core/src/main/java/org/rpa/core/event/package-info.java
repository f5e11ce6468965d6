/**
 * The in-process event bus: typed events, named {@code {domain}.{action}}, published after commit.
 * WebSocket streams and callbacks listen here.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.event;
