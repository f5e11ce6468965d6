package org.rpa.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * db-scheduler 16 with immediate execution, 16 threads and a short polling interval; on PostgreSQL
 * it polls with lock-and-fetch ({@code FOR UPDATE SKIP LOCKED}, 0.5–1 × threads per poll). Paused
 * means built and not started; pause stops it and builds a new one.
 *
 * <p>{@code tuned}: the configuration its users pick for throughput, with more executions fetched
 * per poll: on PostgreSQL lock-and-fetch with limits of 1 and 4 × threads, on H2 (which has no
 * {@code SKIP LOCKED}) fetch-and-lock-on-execute with 4 × threads per batch.
 */
final class DbSchedulerSubject implements Subject {
  private final DataSource dataSource;
  private final boolean postgres;
  private final boolean tuned;
  private final OneTimeTask<Void> task =
      Tasks.oneTime("noop")
          .execute((instance, ctx) -> Recorder.ran(Integer.parseInt(instance.getId())));
  private Scheduler scheduler;

  DbSchedulerSubject(DataSource dataSource, boolean postgres, boolean tuned) throws Exception {
    this.dataSource = dataSource;
    this.postgres = postgres;
    this.tuned = tuned;
    Sql.script(dataSource, postgres ? POSTGRES_TABLE : H2_TABLE);
    this.scheduler = build();
  }

  private Scheduler build() {
    var builder =
        Scheduler.create(dataSource, task)
            .threads(BenchRun.THREADS)
            .pollingInterval(Duration.ofMillis(100))
            .enableImmediateExecution()
            .shutdownMaxWait(Duration.ofSeconds(1));
    if (postgres && tuned) {
      builder.pollUsingLockAndFetch(1.0, 4.0);
    } else if (postgres) {
      builder.pollUsingLockAndFetch(0.5, 1.0);
    } else if (tuned) {
      builder.pollUsingFetchAndLockOnExecute(0.5, 4.0);
    }
    return builder.build();
  }

  @Override
  public void submitBatch(int from, int count) {
    List<TaskInstance<?>> instances = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      instances.add(task.instance(Integer.toString(i)));
    }
    scheduler.scheduleBatch(instances, Instant.now());
  }

  @Override
  public void submitOne(int i) {
    scheduler.schedule(task.instance(Integer.toString(i)), Instant.now());
  }

  @Override
  public void resume() {
    scheduler.start();
  }

  @Override
  public void pause() {
    scheduler.stop();
    scheduler = build();
  }

  @Override
  public long pending() throws Exception {
    return Sql.count(dataSource, "SELECT COUNT(*) FROM scheduled_tasks");
  }

  @Override
  public void close() {
    scheduler.stop();
  }

  // The table as db-scheduler's README documents it.
  private static final String POSTGRES_TABLE =
      "CREATE TABLE scheduled_tasks (task_name TEXT NOT NULL, task_instance TEXT NOT NULL,"
          + " task_data BYTEA, execution_time TIMESTAMP WITH TIME ZONE NOT NULL,"
          + " picked BOOLEAN NOT NULL, picked_by TEXT, last_success TIMESTAMP WITH TIME ZONE,"
          + " last_failure TIMESTAMP WITH TIME ZONE, consecutive_failures INT,"
          + " last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL, priority SMALLINT,"
          + " PRIMARY KEY (task_name, task_instance));"
          + "CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);"
          + "CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);"
          + "CREATE INDEX priority_execution_time_idx ON scheduled_tasks"
          + " (priority DESC, execution_time ASC);";

  private static final String H2_TABLE =
      "CREATE TABLE scheduled_tasks (task_name VARCHAR(100) NOT NULL,"
          + " task_instance VARCHAR(100) NOT NULL, task_data BLOB,"
          + " execution_time TIMESTAMP WITH TIME ZONE NOT NULL, picked BOOLEAN NOT NULL,"
          + " picked_by VARCHAR(50), last_success TIMESTAMP WITH TIME ZONE,"
          + " last_failure TIMESTAMP WITH TIME ZONE, consecutive_failures INT,"
          + " last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL, priority SMALLINT,"
          + " PRIMARY KEY (task_name, task_instance));"
          + "CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);"
          + "CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);"
          + "CREATE INDEX priority_execution_time_idx ON scheduled_tasks"
          + " (priority DESC, execution_time ASC);";
}
