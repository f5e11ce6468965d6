/**
 * Live streams over WebSockets: {@link org.rpa.server.ws.LiveStreams} carries the orchestrator's
 * events (and those other instances share) to {@code /ws/live-jobs}, {@code /ws/robot-status},
 * {@code /ws/queue-metrics} and the multiplexed {@code /ws/events}, each connection with a bounded
 * queue of its own, so that a slow client never slows the engine.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.server.ws;
