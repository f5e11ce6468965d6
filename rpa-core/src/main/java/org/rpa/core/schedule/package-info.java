/**
 * Named background tasks on interval or cron triggers. Start at {@link
 * org.rpa.core.schedule.Schedules}; nothing here creates threads, the orchestrator drives {@link
 * org.rpa.core.schedule.Schedules#runDue()} from its own supervised loop.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.schedule;
