package org.rpa.core.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;
import org.rpa.core.metrics.ResourceSample;

/** Executor rows (one lease each) and singleton-task locks. */
final class Executors {
  private Executors() {}

  private static final String COLUMNS =
      "id, host, kind, address, capacity, active_jobs, started_at, heartbeat_at, lease_until,"
          + " stopped_at, cpu_percent, memory_bytes, processes";

  static Void register(Handle handle, ExecutorRecord executor) {
    int updated =
        withResources(
                handle.createUpdate(
                    "UPDATE executors SET host = :host, kind = :kind, address = :address,"
                        + " capacity = :capacity, active_jobs = :active, started_at = :startedAt,"
                        + " heartbeat_at = :heartbeatAt, lease_until = :leaseUntil,"
                        + " stopped_at = NULL, cpu_percent = :cpu, memory_bytes = :memory,"
                        + " processes = :processes WHERE id = :id"),
                executor.resources())
            .bindMethods(executor)
            .bind("active", executor.activeJobs())
            .execute();
    if (updated == 0) {
      withResources(
              handle.createUpdate(
                  "INSERT INTO executors ("
                      + COLUMNS
                      + ") VALUES (:id, :host, :kind, :address, :capacity, :active, :startedAt,"
                      + " :heartbeatAt, :leaseUntil, NULL, :cpu, :memory, :processes)"),
              executor.resources())
          .bindMethods(executor)
          .bind("active", executor.activeJobs())
          .execute();
    }
    return null;
  }

  static boolean heartbeat(
      Handle handle,
      String id,
      int activeJobs,
      ResourceSample resources,
      Instant now,
      Instant leaseUntil) {
    return withResources(
                handle.createUpdate(
                    "UPDATE executors SET heartbeat_at = :now, lease_until = :leaseUntil,"
                        + " active_jobs = :active, cpu_percent = :cpu, memory_bytes = :memory,"
                        + " processes = :processes WHERE id = :id AND stopped_at IS NULL"),
                resources)
            .bindByType("now", now, Instant.class)
            .bindByType("leaseUntil", leaseUntil, Instant.class)
            .bind("active", activeJobs)
            .bind("id", id)
            .execute()
        == 1;
  }

  /** Binds a sample's figures, or NULLs when there is none. */
  private static Update withResources(Update update, ResourceSample resources) {
    return update
        .bindByType("cpu", resources == null ? null : resources.cpuPercent(), Double.class)
        .bindByType("memory", resources == null ? null : resources.memoryBytes(), Long.class)
        .bindByType("processes", resources == null ? null : resources.processes(), Integer.class);
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

  /** Deletes the rows of executors whose lease ended before {@code cutoff}: stopped or dead. */
  static int prune(Handle handle, Instant cutoff) {
    return handle
        .createUpdate("DELETE FROM executors WHERE lease_until < :cutoff")
        .bindByType("cutoff", cutoff, Instant.class)
        .execute();
  }

  static List<ExecutorRecord> all(Handle handle) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM executors ORDER BY started_at, id")
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
