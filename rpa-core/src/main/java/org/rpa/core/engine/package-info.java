/**
 * The engine: the parts of an orchestrator and their wiring, with no threads of their own. {@link
 * org.rpa.core.engine.Engine} wires the state machine, the dispatcher, the local and remote
 * executors, the writer, the heartbeat, the lease sweeper, the background tasks, health and
 * metrics; {@link org.rpa.core.engine.EngineLoops} runs them under the supervisor for the threaded
 * {@link org.rpa.core.Orchestrator}, and {@code ManualOrchestrator} drives them from {@code
 * tick()}.
 *
 * <p>Not API: everything here may change without notice. The few public types are public only so
 * that the orchestrators and their builders can reach them; every part they wire is
 * package-private.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.engine;
