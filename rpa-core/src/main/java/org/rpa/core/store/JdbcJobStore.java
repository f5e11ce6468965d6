package org.rpa.core.store;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.rpa.core.StoreException;
import org.rpa.core.job.Execution;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobQuery;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.JobUpdate;
import org.rpa.core.job.Page;
import org.rpa.core.job.Step;
import org.rpa.core.job.Submission;
import org.rpa.core.metrics.PoolUse;
import org.rpa.core.metrics.ResourceSample;

/**
 * The {@link JobStore} on JDBC, through Jdbi, for H2 and PostgreSQL alike. Thread-safe: every call
 * takes its own connection from the pool. Run {@link Migrations#migrate} before first use.
 */
public final class JdbcJobStore implements JobStore {
  private static final String UNIQUE_VIOLATION = "23505";

  private final Jdbi jdbi;
  private final DataSource dataSource;
  private final SqlDialect dialect;
  private final AutoCloseable onClose;
  private final AtomicReference<StoreException> failingWrite = new AtomicReference<>();
  private final Outbox outbox = new JdbcOutbox(this);
  private final TotpLedger totpLedger = new JdbcTotpLedger(this);
  private final RestartLog restartLog = new JdbcRestartLog(this);
  private final SnapshotLog snapshotLog = new JdbcSnapshotLog(this);
  private final SubjectStore subjects = new JdbcSubjectStore(this);
  private final AnalyticsStore analytics = new JdbcAnalyticsStore(this);

  /**
   * A store on {@code dataSource}.
   *
   * @param onClose run by {@link #close()} (such as closing a pool this store owns); may be null
   */
  public JdbcJobStore(DataSource dataSource, AutoCloseable onClose) {
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    RowMappers.install(jdbi);
    this.dialect = read("dialect", handle -> SqlDialect.ofProduct(productName(handle)));
    this.onClose = onClose;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public Optional<PoolUse> poolUse() {
    if (!(dataSource instanceof HikariDataSource hikari)) {
      return Optional.empty();
    }
    HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
    if (pool == null) {
      return Optional.empty();
    }
    return Optional.of(
        new PoolUse(
            pool.getActiveConnections(),
            pool.getIdleConnections(),
            pool.getTotalConnections(),
            hikari.getMaximumPoolSize(),
            pool.getThreadsAwaitingConnection()));
  }

  @Override
  public List<Submission> insert(List<NewJob> jobs, Instant now) {
    return insertAndClaim(jobs, now, null, Set.of(), 0).submissions();
  }

  @Override
  public Inserted insertAndClaim(
      List<NewJob> jobs, Instant now, String owner, Set<String> types, int limit) {
    if (jobs.isEmpty()) {
      return new Inserted(List.of(), Claim.EMPTY);
    }
    var handOff = new Inserts.HandOff(owner, types, owner == null ? 0 : limit);
    if (SingleInsert.applies(jobs)) {
      return inOneStatement(
          "submit", handle -> SingleInsert.insert(handle, dialect, jobs.get(0), now, handOff));
    }
    try {
      return write("submit", handle -> Inserts.insert(handle, dialect, jobs, now, handOff));
    } catch (StoreException e) {
      // Another transaction inserted the same key between our check and our insert: its job now
      // exists, so the retry finds it and returns it.
      if (isUniqueViolation(e)) {
        return write("submit", handle -> Inserts.insert(handle, dialect, jobs, now, handOff));
      }
      throw e;
    }
  }

  @Override
  public Optional<Job> find(JobId id) {
    return read(
        "find",
        handle ->
            handle
                .createQuery("SELECT " + RowMappers.JOB_COLUMNS + " FROM jobs WHERE id = :id")
                .bind("id", id.value())
                .map(RowMappers.JOB)
                .findOne());
  }

  @Override
  public Page<Job> query(JobQuery query) {
    return read("query", handle -> Page.ofJobs(JobQueries.run(handle, query), query.limit()));
  }

  @Override
  public List<Execution> executions(JobId id) {
    return read(
        "executions",
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + RowMappers.EXECUTION_COLUMNS
                        + " FROM job_executions"
                        + " WHERE job_id = :id ORDER BY id")
                .bind("id", id.value())
                .map(RowMappers.EXECUTION)
                .list());
  }

  @Override
  public List<Step> steps(JobId id, int occurrence, int attempt) {
    return read(
        "steps",
        handle ->
            handle
                .createQuery(
                    "SELECT seq, name, outcome, healing, duration_ms, at, details FROM job_steps"
                        + " WHERE job_id = :id AND occurrence = :occurrence"
                        + " AND attempt = :attempt ORDER BY seq")
                .bind("id", id.value())
                .bind("occurrence", occurrence)
                .bind("attempt", attempt)
                .map(RowMappers.STEP)
                .list());
  }

  @Override
  public Map<JobStatus, Long> countByStatus() {
    return read("count", JobCountQueries::byStatus);
  }

  @Override
  public List<Transition> apply(List<Transition> transitions) {
    if (transitions.isEmpty()) {
      return List.of();
    }
    return write("transition", handle -> TransitionWrites.apply(handle, dialect, transitions));
  }

  @Override
  public boolean modify(
      JobId id, JobStatus expected, JobUpdate update, JobStatus newStatus, Instant now) {
    return write(
        "modify", handle -> WaitingJobs.modify(handle, id, expected, update, newStatus, now));
  }

  @Override
  public Claim claim(String owner, Set<String> types, int limit, Instant now) {
    if (types.isEmpty() || limit <= 0) {
      return Claim.EMPTY;
    }
    return write("claim", handle -> Claims.claim(handle, dialect, owner, types, limit, now));
  }

  @Override
  public List<Transition> promoteDue(Instant now, int limit) {
    return write("promote", handle -> WaitingJobs.promoteDue(handle, dialect, now, limit));
  }

  @Override
  public Optional<Instant> nextRunAt() {
    return read("next run", handle -> WaitingJobs.nextRunAt(handle, dialect));
  }

  @Override
  public List<LeasedJob> findOrphaned(Instant now, int limit) {
    return read("find orphaned", handle -> Sweeps.orphaned(handle, now, limit));
  }

  @Override
  public List<LeasedJob> findExpired(Instant now, int limit) {
    return read("find expired", handle -> Sweeps.expired(handle, now, limit));
  }

  @Override
  public List<JobId> claimedBefore(String owner, Instant before, int limit) {
    return read(
        "find old claims",
        handle ->
            handle
                .createQuery(
                    "SELECT id FROM jobs WHERE lease_owner = :owner AND status = 'CLAIMED'"
                        + " AND updated_at < :before ORDER BY updated_at, id LIMIT :limit")
                .bind("owner", owner)
                .bind("before", before)
                .bind("limit", limit)
                .mapTo(Long.class)
                .map(JobId::of)
                .list());
  }

  @Override
  public Set<JobId> lostAmong(String owner, Collection<JobId> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return read(
        "check leases",
        handle -> {
          var lost = new HashSet<>(ids);
          handle
              .createQuery(
                  "SELECT id FROM jobs WHERE id IN (<ids>) AND lease_owner = :owner"
                      + " AND status IN ('CLAIMED', 'RUNNING')")
              .bindList("ids", ids.stream().map(JobId::value).toList())
              .bind("owner", owner)
              .mapTo(Long.class)
              .forEach(id -> lost.remove(JobId.of(id)));
          return lost;
        });
  }

  @Override
  public void registerExecutor(ExecutorRecord executor) {
    write("register executor", handle -> Executors.register(handle, executor));
  }

  @Override
  public boolean heartbeat(
      String executorId,
      int activeJobs,
      ResourceSample resources,
      Instant now,
      Instant leaseUntil) {
    return write(
        "heartbeat",
        handle -> Executors.heartbeat(handle, executorId, activeJobs, resources, now, leaseUntil));
  }

  @Override
  public void stopExecutor(String executorId, Instant now) {
    write("stop executor", handle -> Executors.stop(handle, executorId, now));
  }

  @Override
  public List<ExecutorRecord> executors() {
    return read("executors", Executors::all);
  }

  @Override
  public int pruneExecutors(Instant cutoff) {
    return write("prune executors", handle -> Executors.prune(handle, cutoff));
  }

  @Override
  public boolean tryLockTask(String task, String owner, Instant now, Instant until) {
    if (write("lock task", handle -> Executors.renewTaskLock(handle, task, owner, now, until))) {
      return true;
    }
    try {
      return write("lock task", handle -> Executors.insertTaskLock(handle, task, owner, until));
    } catch (StoreException e) {
      if (isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public int purgeFinishedBefore(Instant cutoff, int limit) {
    return write("purge", handle -> Sweeps.purge(handle, cutoff, limit));
  }

  @Override
  public AnalyticsStore analytics() {
    return analytics;
  }

  @Override
  public Outbox outbox() {
    return outbox;
  }

  @Override
  public TotpLedger totpLedger() {
    return totpLedger;
  }

  @Override
  public RestartLog restartLog() {
    return restartLog;
  }

  @Override
  public SnapshotLog snapshotLog() {
    return snapshotLog;
  }

  @Override
  public SubjectStore subjects() {
    return subjects;
  }

  /**
   * Fails while the writes fail, with the first failed write's error: a database that reads but
   * cannot write (H2 on a full disk reopens its file and answers {@code SELECT 1}) is not up. The
   * next write that succeeds, such as a heartbeat, clears it.
   */
  @Override
  public void ping() {
    read("ping", handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
    StoreException failing = failingWrite.get();
    if (failing != null) {
      throw new StoreException("ping", failing);
    }
  }

  @Override
  public String engine() {
    return read(
        "engine",
        handle -> {
          var meta = handle.getConnection().getMetaData();
          return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        });
  }

  @Override
  public void close() {
    if (onClose != null) {
      try {
        onClose.close();
      } catch (Exception e) {
        throw new StoreException("close", e);
      }
    }
  }

  <T> T read(String operation, HandleCallback<T, SQLException> callback) {
    try {
      return jdbi.withHandle(callback);
    } catch (JdbiException | SQLException e) {
      throw new StoreException(operation, e);
    }
  }

  /** Runs statements in autocommit mode: each its own transaction. */
  private <T> T inOneStatement(String operation, HandleCallback<T, SQLException> callback) {
    return written(operation, () -> jdbi.withHandle(callback));
  }

  <T> T write(String operation, HandleCallback<T, SQLException> callback) {
    return written(operation, () -> jdbi.inTransaction(callback));
  }

  private interface Writing<T> {
    T run() throws SQLException;
  }

  /** Runs a write, remembering whether the last write failed for {@link #ping()}. */
  private <T> T written(String operation, Writing<T> writing) {
    try {
      T result = writing.run();
      if (failingWrite.get() != null) {
        failingWrite.set(null); // read first: a write that follows a good one costs no store fence
      }
      return result;
    } catch (JdbiException | SQLException e) {
      throw failed(new StoreException(operation, e));
    } catch (StoreException e) {
      throw failed(e);
    }
  }

  private StoreException failed(StoreException failure) {
    // A refusal of the data (a constraint, a bad value) says nothing of the database's health.
    // The first failure of a run is kept: it names the cause (a full disk), where the writes
    // after it fail on what it left (a closed channel, a closed database).
    if (!failure.refusedData()) {
      failingWrite.compareAndSet(null, failure);
    }
    return failure;
  }

  private static String productName(Handle handle) throws SQLException {
    return handle.getConnection().getMetaData().getDatabaseProductName();
  }

  static boolean isUniqueViolation(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
