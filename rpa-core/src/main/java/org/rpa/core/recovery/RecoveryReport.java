package org.rpa.core.recovery;

/**
 * What one stale-lease sweep did.
 *
 * @param recovered jobs whose executor stopped renewing its lease, returned to the queue or failed
 * @param expired jobs whose deadline passed before they started, failed
 */
public record RecoveryReport(int recovered, int expired) {}
