package org.rpa.core.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.rpa.core.store.ExecutorRecord;

/**
 * The executors that share the store, this process's and every other instance's and remote
 * worker's, as their rows say now: who each is, its load, and whether it is busy, online or offline
 * by its lease. Every call reads the store. Thread-safe.
 */
public final class Fleet {

  /** An executor's state by its lease and load. */
  public enum State {
    /** Its lease is live and it runs at least one job. */
    BUSY,
    /** Its lease is live and it runs nothing. */
    ONLINE,
    /** Its lease expired, or it stopped. */
    OFFLINE;

    /**
     * The state's name as the HTTP API spells it: {@code busy}, {@code online}, {@code offline}.
     */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One executor.
   *
   * @param kind {@code local} for an orchestrator's in-process worker, {@code remote} for a worker
   *     service
   * @param heartbeatAt null if it never renewed its lease
   */
  public record Member(
      String id,
      String host,
      String kind,
      int capacity,
      int activeJobs,
      Instant startedAt,
      Instant heartbeatAt,
      Instant leaseUntil,
      State state) {}

  private final Supplier<List<ExecutorRecord>> rows;
  private final Clock clock;

  /**
   * @param rows reads every executor's row from the store
   */
  public Fleet(Supplier<List<ExecutorRecord>> rows, Clock clock) {
    this.rows = Objects.requireNonNull(rows, "rows");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Every executor, with its state at the clock's now. */
  public List<Member> executors() {
    Instant now = clock.instant();
    return rows.get().stream().map(row -> member(row, now)).toList();
  }

  private static Member member(ExecutorRecord row, Instant now) {
    State state =
        !row.isAlive(now) ? State.OFFLINE : row.activeJobs() > 0 ? State.BUSY : State.ONLINE;
    return new Member(
        row.id(),
        row.host(),
        row.kind(),
        row.capacity(),
        row.activeJobs(),
        row.startedAt(),
        row.heartbeatAt(),
        row.leaseUntil(),
        state);
  }
}
