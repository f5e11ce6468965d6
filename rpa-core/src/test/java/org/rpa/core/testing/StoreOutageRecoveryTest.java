package org.rpa.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.StoreException;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.store.ExecutorRecord;

/**
 * Leases that lapsed with nobody able to renew them. A store outage longer than a lease: nobody
 * could renew a lease while the store was down, so the first sweeps after it do not take the jobs
 * of executors that are alive; an executor that died during the outage still loses its jobs, one
 * lease after the store is back. A remote worker's lease is renewed by the orchestrators that probe
 * it: when the only orchestrator was down (killed and started again), the restarted one's first
 * sweeps leave the worker's jobs alone for one lease, in which its heartbeat renews the lease.
 */
class StoreOutageRecoveryTest {
  private static final Duration LEASE = Duration.ofSeconds(60);
  private static final String OTHER = "other-executor";

  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final Switchable database = new Switchable();
  private final ManualOrchestrator rpa =
      ManualOrchestrator.builder()
          .dataSource(database)
          .clock(clock)
          .leaseLength(LEASE)
          .handler("demo", "echo", ctx -> JobResult.success(Map.of()))
          .build();

  @AfterEach
  void close() {
    database.down = false;
    rpa.close();
  }

  @Test
  void a_live_executor_keeps_its_job_across_an_outage_longer_than_its_lease() {
    JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo"));
    rpa.store().claim(rpa.executorId(), Set.of("demo.echo"), 1, clock.instant());

    outage(Duration.ofSeconds(90));
    assertThat(rpa.runRecovery().recovered()).as("the first sweep after the outage").isZero();
    rpa.heartbeat();
    clock.advance(LEASE.dividedBy(2));
    assertThat(rpa.runRecovery().recovered()).isZero();
    rpa.heartbeat();
    clock.advance(LEASE.dividedBy(2).plusSeconds(1));
    assertThat(rpa.runRecovery().recovered()).as("past the pause, renewed within it").isZero();

    assertThat(rpa.jobs().get(id).status()).isEqualTo(JobStatus.CLAIMED);
    assertThat(rpa.jobs().get(id).leaseOwner()).isEqualTo(rpa.executorId());
  }

  @Test
  void an_executor_that_died_in_the_outage_loses_its_job_one_lease_after_the_store_is_back() {
    JobId id = jobLeasedTo(ExecutorRecord.LOCAL);

    outage(Duration.ofSeconds(90));
    assertRecoveredOneLeaseLater(id);
  }

  @Test
  void without_an_outage_a_lapsed_lease_is_recovered_at_once() {
    JobId id = jobLeasedTo(ExecutorRecord.LOCAL);

    clock.advance(LEASE.plusSeconds(1)); // its orchestrator died: nobody else renews its lease
    assertThat(rpa.runRecovery().recovered()).isEqualTo(1);
    assertThat(rpa.jobs().get(id).status()).isEqualTo(JobStatus.QUEUED);
  }

  @Test
  void a_live_worker_whose_lease_lapsed_while_no_orchestrator_ran_keeps_its_job() {
    JobId id = jobLeasedTo(ExecutorRecord.REMOTE);
    clock.advance(LEASE.plusSeconds(30)); // the only orchestrator was down; nobody renewed

    assertThat(rpa.runRecovery().recovered())
        .as("the restarted orchestrator's first sweep")
        .isZero();
    renew(); // its first probe of the worker
    clock.advance(LEASE.plusSeconds(1));
    renew();
    assertThat(rpa.runRecovery().recovered()).isZero();

    assertThat(rpa.jobs().get(id).status()).isEqualTo(JobStatus.CLAIMED);
    assertThat(rpa.jobs().get(id).leaseOwner()).isEqualTo(OTHER);
  }

  @Test
  void a_worker_gone_for_good_loses_its_job_one_lease_after_the_first_sweep() {
    JobId id = jobLeasedTo(ExecutorRecord.REMOTE);
    clock.advance(LEASE.plusSeconds(30));

    assertRecoveredOneLeaseLater(id);
  }

  /** A job claimed by executor {@link #OTHER} of {@code kind}, its lease renewed now. */
  private JobId jobLeasedTo(String kind) {
    JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo"));
    Instant now = clock.instant();
    rpa.store()
        .registerExecutor(
            new ExecutorRecord(
                OTHER, "elsewhere", kind, null, 1, 1, now, now, now.plus(LEASE), null, null));
    rpa.store().claim(OTHER, Set.of("demo.echo"), 1, now);
    return id;
  }

  private void renew() {
    Instant now = clock.instant();
    rpa.store().heartbeat(OTHER, 1, null, now, now.plus(LEASE));
  }

  /** The next sweeps leave {@code id} leased for one lease, then take it back to the queue. */
  private void assertRecoveredOneLeaseLater(JobId id) {
    assertThat(rpa.runRecovery().recovered()).isZero();
    clock.advance(LEASE.minusSeconds(1));
    assertThat(rpa.runRecovery().recovered()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(rpa.runRecovery().recovered()).isEqualTo(1);

    assertThat(rpa.jobs().get(id).status()).isEqualTo(JobStatus.QUEUED);
  }

  /** The store down for {@code length} of the clock, with one sweep failing during it. */
  private void outage(Duration length) {
    database.down = true;
    clock.advance(length);
    assertThatThrownBy(rpa::runRecovery).isInstanceOf(StoreException.class);
    database.down = false;
  }

  /** An in-memory H2 database that refuses connections while {@code down}. */
  private static final class Switchable implements DataSource {
    private final JdbcDataSource h2 = new JdbcDataSource();
    volatile boolean down;

    Switchable() {
      h2.setURL(H2.memory() + ";DB_CLOSE_DELAY=-1");
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (down) {
        throw new SQLException("the database is down", "08001");
      }
      return h2.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
