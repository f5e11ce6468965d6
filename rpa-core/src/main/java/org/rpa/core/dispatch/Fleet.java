package org.rpa.core.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.rpa.core.metrics.ResourceSample;
import org.rpa.core.store.ExecutorRecord;

/**
 * The executors that share the store, this process's and every other instance's and remote
 * worker's, as their rows say now: who each is, its load, what its process uses, and whether it is
 * idle, busy or offline by its lease. Rows of executors that stopped are deleted after the
 * builder's {@code executorRetention}. Every call reads the store. Thread-safe.
 */
public final class Fleet {

  /** An executor's state by its lease, capacity and load. */
  public enum State {
    /** Its lease is live and it runs at least one job. */
    BUSY,
    /** Its lease is live, it can run jobs, and it runs none. */
    IDLE,
    /**
     * Its lease expired, or it stopped, or it can run nothing (capacity 0: an orchestrator that
     * only queues jobs).
     */
    OFFLINE;

    /** The state of an executor that is alive or not, with this capacity and load. */
    public static State of(boolean alive, int capacity, int activeJobs) {
      if (!alive) {
        return OFFLINE;
      }
      if (activeJobs > 0) {
        return BUSY;
      }
      return capacity > 0 ? IDLE : OFFLINE;
    }

    /** The state's name as the HTTP API spells it: {@code busy}, {@code idle}, {@code offline}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One executor.
   *
   * @param kind {@code local} for an orchestrator's in-process worker, {@code remote} for a worker
   *     service
   * @param address a remote worker's URL; null for an in-process worker
   * @param heartbeatAt when it was last seen: its last heartbeat, or its registration
   * @param resources what its process used at its last heartbeat; null if it reported nothing
   */
  public record Member(
      String id,
      String host,
      String kind,
      String address,
      int capacity,
      int activeJobs,
      Instant startedAt,
      Instant heartbeatAt,
      Instant leaseUntil,
      State state,
      ResourceSample resources) {}

  /**
   * Counts over the executors at one instant, as a fleet summary shows them.
   *
   * @param activeJobs the jobs the idle and busy executors run
   * @param capacity the jobs the idle and busy executors can run at once
   */
  public record Summary(int total, int busy, int idle, int offline, int activeJobs, int capacity) {
    /** The executors that can take work now: idle or busy. */
    public int online() {
      return busy + idle;
    }

    /** {@code activeJobs / capacity} of the online executors; 0 when none is online. */
    public double utilisation() {
      return capacity == 0 ? 0.0 : (double) activeJobs / capacity;
    }
  }

  private final Supplier<List<ExecutorRecord>> rows;
  private final Clock clock;

  /**
   * @param rows reads every executor's row from the store
   */
  public Fleet(Supplier<List<ExecutorRecord>> rows, Clock clock) {
    this.rows = Objects.requireNonNull(rows, "rows");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Every executor, oldest first, with its state at the clock's now. */
  public List<Member> executors() {
    Instant now = clock.instant();
    return rows.get().stream().map(row -> member(row, now)).toList();
  }

  /** The counts of {@link #executors()}, read once. */
  public Summary summary() {
    int busy = 0;
    int idle = 0;
    int offline = 0;
    int active = 0;
    int capacity = 0;
    for (Member member : executors()) {
      switch (member.state()) {
        case BUSY -> busy++;
        case IDLE -> idle++;
        case OFFLINE -> offline++;
      }
      if (member.state() != State.OFFLINE) {
        active += member.activeJobs();
        capacity += member.capacity();
      }
    }
    return new Summary(busy + idle + offline, busy, idle, offline, active, capacity);
  }

  private static Member member(ExecutorRecord row, Instant now) {
    return new Member(
        row.id(),
        row.host(),
        row.kind(),
        row.address(),
        row.capacity(),
        row.activeJobs(),
        row.startedAt(),
        row.heartbeatAt(),
        row.leaseUntil(),
        State.of(row.isAlive(now), row.capacity(), row.activeJobs()),
        row.resources());
  }
}
