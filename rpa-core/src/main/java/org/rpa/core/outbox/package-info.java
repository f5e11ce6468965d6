/**
 * Completion callbacks to an external system, from a durable outbox ({@code callback_outbox}) that
 * is filled from the job log, so a callback survives a crash between commit and send.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.outbox;
