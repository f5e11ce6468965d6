/**
 * Completion callbacks to an external system: the {@link org.rpa.core.outbox.CallbackTransport} an
 * application gives to {@code callbacks(..)}. The engine sends them from a durable outbox ({@code
 * callback_outbox}) that is filled from the job log, so a callback survives a crash between commit
 * and send.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.outbox;
