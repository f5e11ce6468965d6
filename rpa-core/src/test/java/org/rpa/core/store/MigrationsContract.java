package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.analytics.GroupBy;
import org.rpa.core.analytics.TimeWindow;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;

/**
 * Where the core's migrations live, run against H2 ({@code H2MigrationsTest}) and PostgreSQL
 * ({@code PostgresMigrationsIT}): a database made while the scripts were at Flyway's default {@code
 * db/migration} still opens, and an application with its own Flyway at that default shares the
 * database with the core. That application's script is {@code db/migration/V1__orders.sql} in the
 * test resources, so every test of the core also shows that the core never reads it.
 */
public abstract class MigrationsContract {
  /** The scripts as they were at {@code classpath:db/migration}, schema version 10, kept as is. */
  private static final String SCRIPTS_AT_DB_MIGRATION =
      "classpath:org/rpa/core/store/upgrade-from-db-migration";

  /** The versions added since those scripts, and so the schema's version now. */
  private static final List<String> SINCE_DB_MIGRATION =
      List.of("11", "12", "13", "14", "15", "15.1", "16", "17", "18");

  private static final String LATEST = SINCE_DB_MIGRATION.get(SINCE_DB_MIGRATION.size() - 1);

  /** Every migration of the core: the baseline 0 and the scripts and classes since. */
  private static final int ALL = 10 + SINCE_DB_MIGRATION.size();

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private final MutableClock clock = MutableClock.at(NOW.toString());
  private HikariDataSource dataSource;

  /** The URL of an empty database for the current test. */
  protected abstract String emptyDatabase() throws Exception;

  @BeforeEach
  void open() throws Exception {
    dataSource = Databases.pool(emptyDatabase(), 4);
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  @Test
  void a_database_migrated_from_db_migration_opens_as_it_is_and_keeps_its_jobs() {
    // Java migrations after 10 (16) came after the scripts moved: such a database never had them.
    var before =
        coreConfiguration()
            .locations(SCRIPTS_AT_DB_MIGRATION)
            .failOnMissingLocations(true)
            .target("10")
            .load();
    before.migrate();
    List<String> history = describe(before.info().applied());
    assertThat(history).hasSize(9).last().asString().startsWith("10 ");
    JobId queued;
    try (var store = new JdbcJobStore(dataSource, null)) {
      queued =
          store
              .insert(
                  List.of(
                      new NewJob(
                          JobRequest.of("demo", "echo"),
                          JobStatus.QUEUED,
                          NOW,
                          3,
                          Duration.ofMinutes(5))),
                  NOW)
              .get(0)
              .id();
    }

    try (var rpa = orchestrator()) {
      assertThat(rpa.jobs().get(queued).status()).isEqualTo(JobStatus.QUEUED);
      assertThat(rpa.tick()).isEqualTo(1);
      assertThat(rpa.jobs().get(queued).status()).isEqualTo(JobStatus.COMPLETED);
    }
    assertThat(describe(Migrations.configure(dataSource).load().info().applied()))
        .as("nothing re-applied, nothing rewritten; only the scripts added since applied")
        .startsWith(history.toArray(String[]::new))
        .hasSize(history.size() + SINCE_DB_MIGRATION.size())
        .last()
        .asString()
        .startsWith(LATEST + " ");
    Migrations.configure(dataSource).load().validate();
  }

  @Test
  void an_application_flyway_at_the_default_location_and_the_core_share_one_schema()
      throws SQLException {
    assertThat(application().migrate().migrationsExecuted).isEqualTo(1);
    assertThat(Migrations.migrate(dataSource)).isEqualTo(LATEST);

    assertThat(versions(application().info().applied())).containsExactly("1 orders");
    List<String> ours = describe(Migrations.configure(dataSource).load().info().applied());
    assertThat(ours).first().asString().startsWith("0 ");
    assertThat(ours).hasSize(ALL).allSatisfy(m -> assertThat(m).doesNotContain("orders"));
    try (var rpa = orchestrator()) {
      JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo"));
      rpa.tick();
      assertThat(rpa.jobs().get(id).status()).isEqualTo(JobStatus.COMPLETED);
    }
    assertThat(count("orders")).isZero();
    assertThat(count("jobs")).isEqualTo(1);

    assertThat(application().migrate().migrationsExecuted).as("again: a no-op").isZero();
    assertThat(Migrations.migrate(dataSource)).isEqualTo(LATEST);
    assertThat(describe(Migrations.configure(dataSource).load().info().applied())).isEqualTo(ours);
    assertThat(versions(application().info().applied())).containsExactly("1 orders");
  }

  /**
   * Flyway, the application's as any, refuses a schema with tables and no history of its own: when
   * the core migrates first, the application baselines (Spring Boot: {@code
   * spring.flyway.baseline-on-migrate=true}, {@code spring.flyway.baseline-version=0}).
   */
  @Test
  void an_application_migrating_after_the_core_baselines_the_shared_schema_at_version_0() {
    Migrations.migrate(dataSource);
    assertThatThrownBy(() -> application().migrate())
        .isInstanceOf(FlywayException.class)
        .hasMessageContaining("no schema history table");

    var baselining =
        Flyway.configure()
            .dataSource(dataSource)
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .baselineDescription("orders app");
    assertThat(baselining.load().migrate().migrationsExecuted).isEqualTo(1);
    assertThat(versions(application().info().applied()))
        .containsExactly("0 orders app", "1 orders");
    assertThat(Migrations.migrate(dataSource)).isEqualTo(LATEST);
  }

  @Test
  void steps_recorded_before_healing_was_kept_say_healed_when_their_outcome_did()
      throws SQLException {
    Migrations.configure(dataSource).target("11").load().migrate();
    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement()) {
      for (String outcome : List.of("PASSED", "HEALED", "FAILED")) {
        statement.execute(
            "INSERT INTO job_steps (job_id, occurrence, attempt, seq, name, outcome, duration_ms,"
                + " at, details) VALUES (1, 0, 1, "
                + (1 + List.of("PASSED", "HEALED", "FAILED").indexOf(outcome))
                + ", 'step', '"
                + outcome
                + "', 5, TIMESTAMP WITH TIME ZONE '2026-03-01 10:00:00+00', '{}')");
      }
    }

    assertThat(Migrations.migrate(dataSource)).isEqualTo(LATEST);

    try (var store = new JdbcJobStore(dataSource, null)) {
      assertThat(store.steps(JobId.of(1), 0, 1))
          .extracting(step -> step.outcome() + " " + step.healing())
          .containsExactly("PASSED null", "HEALED HEALED", "FAILED null");
    }
  }

  @Test
  void executions_and_jobs_stored_before_the_rollups_are_rolled_up_and_counted_by_the_migrations()
      throws SQLException {
    Migrations.configure(dataSource).target("14").load().migrate();
    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement()) {
      statement.execute(
          "INSERT INTO jobs (id, provider, action, job_type, kind, status, priority, params,"
              + " run_at, attempts, occurrence, max_attempts, timeout_ms, created_at, updated_at)"
              + " VALUES (1, 'demo', 'echo', 'demo.echo', 'ONE_TIME', 'FAILED', 0, '{}', "
              + TEN
              + ", 3, 0, 3, 1000, "
              + TEN
              + ", "
              + TEN
              + ")");
      // Three attempts over two hours (durations under 32 ms are exact in the rollups), and one
      // still running, which no statistic counts.
      String[][] executions = {
        {"1", "FAILED", "5", "10:00:01", "10:00:02"},
        {"2", "SUCCESS", "20", "10:59:59", "11:00:00"},
        {"3", "CANCELLED", null, "11:30:00", "11:31:00"},
        {"4", "RUNNING", null, "11:40:00", null}
      };
      for (String[] e : executions) {
        statement.execute(
            "INSERT INTO job_executions (job_id, attempt, occurrence, status, executor,"
                + " started_at, finished_at, duration_ms) VALUES (1, "
                + e[0]
                + ", 0, '"
                + e[1]
                + "', 'exec', "
                + at(e[3])
                + ", "
                + (e[4] == null ? "NULL" : at(e[4]))
                + ", "
                + e[2]
                + ")");
      }
    }

    assertThat(Migrations.migrate(dataSource)).isEqualTo(LATEST);

    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT COUNT(*), SUM(executions), SUM(timed) FROM execution_hours")) {
      rows.next();
      assertThat(List.of(rows.getLong(1), rows.getLong(2), rows.getLong(3)))
          .as("rows (one per hour), executions, timed")
          .containsExactly(2L, 3L, 2L);
    }
    try (var store = new JdbcJobStore(dataSource, null)) {
      var window = new TimeWindow(Instant.parse("2026-03-01T09:00:00Z"), NOW.plusSeconds(7200));
      var rolledUp = new JdbcAnalyticsStore(store, 0);
      var exact = new JdbcAnalyticsStore(store, Long.MAX_VALUE);
      for (GroupBy by : List.of(GroupBy.NONE, GroupBy.HOUR, GroupBy.JOB_TYPE)) {
        assertThat(rolledUp.statistics(window, by, true))
            .as("by %s", by)
            .isEqualTo(exact.statistics(window, by, true))
            .isNotEmpty();
      }
      assertThat(rolledUp.statistics(window, GroupBy.NONE, true).get(0).total()).isEqualTo(3);
      assertThat(store.countByStatus())
          .as("the final counts of migration 16 are filled from the jobs")
          .containsEntry(JobStatus.FAILED, 1L)
          .containsEntry(JobStatus.COMPLETED, 0L);
    }
  }

  private static final String TEN = at("10:00:00");

  private static String at(String time) {
    return "TIMESTAMP WITH TIME ZONE '2026-03-01 " + time + "+00'";
  }

  private ManualOrchestrator orchestrator() {
    return ManualOrchestrator.builder()
        .dataSource(dataSource)
        .clock(clock)
        .handler("demo", "echo", ctx -> JobResult.success())
        .build();
  }

  /**
   * The core's migrations as configured before their scripts moved, without a location: the schema
   * at version 10, so the Java migrations of that release.
   */
  private FluentConfiguration coreConfiguration() {
    return Flyway.configure()
        .dataSource(dataSource)
        .table("rpa_schema_history")
        .placeholders(Migrations.placeholders(dataSource))
        .javaMigrations(
            Arrays.stream(Migrations.javaMigrations())
                .filter(m -> m.getVersion().compareTo(MigrationVersion.fromVersion("10")) <= 0)
                .toArray(JavaMigration[]::new));
  }

  /** The small application: Flyway with every default, so its scripts at db/migration. */
  private Flyway application() {
    return Flyway.configure().dataSource(dataSource).load();
  }

  /** Version, description and checksum of each applied migration, as Flyway identifies them. */
  private static List<String> describe(MigrationInfo[] applied) {
    return Arrays.stream(applied)
        .map(
            m ->
                m.getVersion()
                    + " "
                    + m.getDescription()
                    + (m.getChecksum() == null ? "" : " #" + m.getChecksum())
                    + " "
                    + m.getState())
        .toList();
  }

  /** Version and description of each applied migration. */
  private static List<String> versions(MigrationInfo[] applied) {
    return Arrays.stream(applied).map(m -> m.getVersion() + " " + m.getDescription()).toList();
  }

  private long count(String table) throws SQLException {
    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
