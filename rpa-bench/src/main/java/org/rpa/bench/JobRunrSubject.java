package org.rpa.bench;

import java.time.Duration;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.scheduling.BackgroundJob;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;

/**
 * JobRunr 8 on its SQL storage, 16 workers, the shortest poll interval it accepts. Paused means the
 * background server is not started (or its processing is paused).
 */
final class JobRunrSubject implements Subject {
  private final DataSource dataSource;
  private final BackgroundJobServer server;
  private boolean started;

  JobRunrSubject(DataSource dataSource, Duration pollInterval) {
    this.dataSource = dataSource;
    JobRunr.configure()
        .useStorageProvider(SqlStorageProviderFactory.using(dataSource))
        .useBackgroundJobServer(
            BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                .andWorkerCount(BenchRun.THREADS)
                .andPollInterval(pollInterval),
            false)
        .initialize();
    this.server = JobRunr.getBackgroundJobServer();
  }

  @Override
  public void submitBatch(int from, int count) {
    BackgroundJob.enqueue(IntStream.range(from, from + count).boxed(), i -> JobRunrJobs.noop(i));
  }

  @Override
  public void submitOne(int i) {
    BackgroundJob.enqueue(() -> JobRunrJobs.noop(i));
  }

  @Override
  public void resume() {
    if (started) {
      server.resumeProcessing();
    } else {
      server.start();
      started = true;
    }
  }

  @Override
  public void pause() {
    server.pauseProcessing();
  }

  @Override
  public long pending() throws Exception {
    return Sql.count(dataSource, "SELECT COUNT(*) FROM jobrunr_jobs WHERE state <> 'SUCCEEDED'");
  }

  @Override
  public void close() {
    JobRunr.destroy();
  }
}
