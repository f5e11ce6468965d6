package org.rpa.core.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.RowMapper;
import org.rpa.core.job.Execution;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.Healing;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobError;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobKind;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Step;
import org.rpa.core.job.StepOutcome;
import org.rpa.core.json.Json;
import org.rpa.core.metrics.ResourceSample;

/** Row mappers and the binding of instants: always as UTC {@code TIMESTAMP WITH TIME ZONE}. */
final class RowMappers {
  static final String JOB_COLUMNS =
      "id, provider, action, kind, status, priority, params, run_at, deadline, attempts,"
          + " occurrence, max_attempts, timeout_ms, reference, idempotency_key, recurrence,"
          + " created_at, updated_at, started_at, finished_at, result, error_type, error_message,"
          + " lease_owner";

  static final String EXECUTION_COLUMNS =
      "id, job_id, occurrence, attempt, status, executor, started_at, finished_at, duration_ms,"
          + " result, error_type, error_message";

  private RowMappers() {}

  static void install(Jdbi jdbi) {
    jdbi.registerArgument(new InstantArgumentFactory());
  }

  static final RowMapper<Job> JOB =
      (rs, ctx) ->
          new Job(
              JobId.of(rs.getLong("id")),
              rs.getString("provider"),
              rs.getString("action"),
              JobKind.valueOf(rs.getString("kind")),
              JobStatus.valueOf(rs.getString("status")),
              rs.getInt("priority"),
              Json.read(rs.getString("params")),
              instant(rs, "run_at"),
              instant(rs, "deadline"),
              rs.getInt("attempts"),
              rs.getInt("occurrence"),
              rs.getInt("max_attempts"),
              Duration.ofMillis(rs.getLong("timeout_ms")),
              rs.getString("reference"),
              rs.getString("idempotency_key"),
              rs.getString("recurrence"),
              instant(rs, "created_at"),
              instant(rs, "updated_at"),
              instant(rs, "started_at"),
              instant(rs, "finished_at"),
              Json.read(rs.getString("result")),
              error(rs),
              rs.getString("lease_owner"));

  static final RowMapper<Execution> EXECUTION =
      (rs, ctx) -> {
        long duration = rs.getLong("duration_ms");
        boolean hasDuration = !rs.wasNull();
        return new Execution(
            rs.getLong("id"),
            JobId.of(rs.getLong("job_id")),
            rs.getInt("occurrence"),
            rs.getInt("attempt"),
            ExecutionStatus.valueOf(rs.getString("status")),
            rs.getString("executor"),
            instant(rs, "started_at"),
            instant(rs, "finished_at"),
            hasDuration ? Duration.ofMillis(duration) : null,
            Json.read(rs.getString("result")),
            error(rs));
      };

  static final RowMapper<Step> STEP =
      (rs, ctx) ->
          new Step(
              rs.getInt("seq"),
              rs.getString("name"),
              StepOutcome.valueOf(rs.getString("outcome")),
              healing(rs.getString("healing")),
              Duration.ofMillis(rs.getLong("duration_ms")),
              instant(rs, "at"),
              Json.read(rs.getString("details")));

  static final RowMapper<ExecutorRecord> EXECUTOR =
      (rs, ctx) ->
          new ExecutorRecord(
              rs.getString("id"),
              rs.getString("host"),
              rs.getString("kind"),
              rs.getString("address"),
              rs.getInt("capacity"),
              rs.getInt("active_jobs"),
              instant(rs, "started_at"),
              instant(rs, "heartbeat_at"),
              instant(rs, "lease_until"),
              instant(rs, "stopped_at"),
              resources(rs));

  /** An executor's last sample, or null when it reported none. */
  private static ResourceSample resources(ResultSet rs) throws SQLException {
    long memory = rs.getLong("memory_bytes");
    if (rs.wasNull()) {
      return null;
    }
    return new ResourceSample(rs.getDouble("cpu_percent"), memory, rs.getInt("processes"));
  }

  static final RowMapper<LeasedJob> LEASED =
      (rs, ctx) ->
          new LeasedJob(
              JobId.of(rs.getLong("id")),
              rs.getString("provider"),
              rs.getString("action"),
              JobKind.valueOf(rs.getString("kind")),
              JobStatus.valueOf(rs.getString("status")),
              rs.getInt("occurrence"),
              rs.getInt("attempts"),
              rs.getInt("max_attempts"),
              rs.getString("lease_owner"),
              instant(rs, "deadline"),
              rs.getString("recurrence"));

  static RowMapper<ClaimedJob> claimed(String owner) {
    return (rs, ctx) ->
        new ClaimedJob(
            JobId.of(rs.getLong("id")),
            rs.getString("provider"),
            rs.getString("action"),
            JobKind.valueOf(rs.getString("kind")),
            Json.read(rs.getString("params")),
            rs.getInt("occurrence"),
            rs.getInt("attempts"),
            rs.getInt("max_attempts"),
            Duration.ofMillis(rs.getLong("timeout_ms")),
            instant(rs, "run_at"),
            instant(rs, "deadline"),
            rs.getString("recurrence"),
            owner);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static JobError error(ResultSet rs) throws SQLException {
    String type = rs.getString("error_type");
    return type == null ? null : new JobError(type, rs.getString("error_message"));
  }

  /** Binds {@link Instant}s as UTC offset date-times, so no JVM time zone is involved. */
  private static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
    InstantArgumentFactory() {
      super(Types.TIMESTAMP_WITH_TIMEZONE);
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
      OffsetDateTime utc = value.atOffset(ZoneOffset.UTC);
      return (position, statement, ctx) ->
          statement.setObject(position, utc, Types.TIMESTAMP_WITH_TIMEZONE);
    }
  }

  private static Healing healing(String value) {
    return value == null ? null : Healing.valueOf(value);
  }
}
