package org.rpa.core.store;

import org.rpa.core.metrics.MetricsHistory;

/**
 * The metrics history in the store ({@code metrics_snapshots}), shared by every process on the
 * database: one row per five-minute period, whichever process wrote it first, so that a restart
 * loses no snapshot and several orchestrators write one snapshot per period between them.
 *
 * <p>Thread-safe. Every method throws {@link org.rpa.core.StoreException} when the database fails.
 */
public interface SnapshotLog extends MetricsHistory {
  /** How many snapshots the table holds. */
  int count();
}
