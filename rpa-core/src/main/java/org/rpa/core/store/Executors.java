package org.rpa.core.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Executor rows (one lease each) and singleton-task locks. */
final class Executors {
  private Executors() {}

  static Void register(Handle handle, ExecutorRecord executor) {
    int updated =
        handle
            .createUpdate(
                "UPDATE executors SET host = :host, kind = :kind, capacity = :capacity,"
                    + " active_jobs = :active, started_at = :startedAt,"
                    + " heartbeat_at = :heartbeatAt, lease_until = :leaseUntil, stopped_at = NULL"
                    + " WHERE id = :id")
            .bindMethods(executor)
            .bind("active", executor.activeJobs())
            .execute();
    if (updated == 0) {
      handle
          .createUpdate(
              "INSERT INTO executors (id, host, kind, capacity, active_jobs, started_at,"
                  + " heartbeat_at, lease_until) VALUES (:id, :host, :kind, :capacity, :active,"
                  + " :startedAt, :heartbeatAt, :leaseUntil)")
          .bindMethods(executor)
          .bind("active", executor.activeJobs())
          .execute();
    }
    return null;
  }

  static boolean heartbeat(
      Handle handle, String id, int activeJobs, Instant now, Instant leaseUntil) {
    return handle
            .createUpdate(
                "UPDATE executors SET heartbeat_at = :now, lease_until = :leaseUntil,"
                    + " active_jobs = :active WHERE id = :id AND stopped_at IS NULL")
            .bindByType("now", now, Instant.class)
            .bindByType("leaseUntil", leaseUntil, Instant.class)
            .bind("active", activeJobs)
            .bind("id", id)
            .execute()
        == 1;
  }

  static Void stop(Handle handle, String id, Instant now) {
    handle
        .createUpdate(
            "UPDATE executors SET stopped_at = :now, lease_until = :now, active_jobs = 0"
                + " WHERE id = :id")
        .bindByType("now", now, Instant.class)
        .bind("id", id)
        .execute();
    return null;
  }

  static List<ExecutorRecord> all(Handle handle) {
    return handle
        .createQuery(
            "SELECT id, host, kind, capacity, active_jobs, started_at, heartbeat_at, lease_until,"
                + " stopped_at FROM executors ORDER BY started_at, id")
        .map(RowMappers.EXECUTOR)
        .list();
  }

  static boolean renewTaskLock(
      Handle handle, String task, String owner, Instant now, Instant until) {
    return handle
            .createUpdate(
                "UPDATE task_locks SET owner = :owner, lease_until = :until WHERE name = :name"
                    + " AND (owner = :owner OR lease_until <= :now)")
            .bind("owner", owner)
            .bindByType("until", until, Instant.class)
            .bindByType("now", now, Instant.class)
            .bind("name", task)
            .execute()
        == 1;
  }

  static boolean insertTaskLock(Handle handle, String task, String owner, Instant until) {
    handle
        .createUpdate(
            "INSERT INTO task_locks (name, owner, lease_until) VALUES (:name, :owner, :until)")
        .bind("name", task)
        .bind("owner", owner)
        .bindByType("until", until, Instant.class)
        .execute();
    return true;
  }
}
