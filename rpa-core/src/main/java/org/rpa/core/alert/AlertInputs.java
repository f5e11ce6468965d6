package org.rpa.core.alert;

/**
 * What the rules read, taken at one instant.
 *
 * @param successRatePercent successful executions as a percentage of executions that ended in the
 *     success-rate window, or null when none ended in it
 * @param recentExecutions executions that ended within the quiet period
 * @param scheduledJobs jobs waiting for a time or a retry (SCHEDULED)
 * @param databaseHealthy whether the store answers
 * @param failureRatePercent failed jobs as a percentage of finished jobs, or null when none
 *     finished
 * @param queueSize jobs due and waiting to be claimed (QUEUED)
 * @param utilizationPercent busy slots as a percentage of all slots of the online executors (0 when
 *     there are none)
 * @param onlineExecutors executors able to take work
 * @param schedulerRunning whether the background scheduler runs
 */
public record AlertInputs(
    Double successRatePercent,
    long recentExecutions,
    long scheduledJobs,
    boolean databaseHealthy,
    Double failureRatePercent,
    long queueSize,
    double utilizationPercent,
    int onlineExecutors,
    boolean schedulerRunning) {}
