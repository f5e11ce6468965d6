package org.rpa.bench;

import java.util.ArrayList;
import javax.sql.DataSource;
import org.rpa.core.Orchestrator;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;

/**
 * Our engine: paused means built and not started; pause closes it and builds a new one. A {@code
 * batchSize} of 0 or less and a {@code bufferSize} of -1 leave the engine's defaults.
 */
final class RpaSubject implements Subject {
  private final String url;
  private final DataSource monitor;
  private final int batchSize;
  private final int bufferSize;
  private Orchestrator rpa;

  RpaSubject(String url, DataSource monitor, int batchSize, int bufferSize) {
    this.url = url;
    this.monitor = monitor;
    this.batchSize = batchSize;
    this.bufferSize = bufferSize;
    this.rpa = build();
  }

  private Orchestrator build() {
    var builder =
        Orchestrator.builder()
            .database(url)
            .poolSize(BenchRun.POOL_SIZE)
            .concurrency(BenchRun.THREADS)
            .handler(
                "bench",
                "noop",
                ctx -> {
                  Recorder.ran(((Number) ctx.params().get("i")).intValue());
                  return JobResult.success();
                });
    if (batchSize > 0) {
      builder.batchSize(batchSize);
    }
    if (bufferSize >= 0) {
      builder.bufferSize(bufferSize);
    }
    return builder.build();
  }

  /** The engine, built and started or not. */
  Orchestrator orchestrator() {
    return rpa;
  }

  @Override
  public void submitBatch(int from, int count) {
    for (int start = from; start < from + count; start += 10_000) {
      int end = Math.min(from + count, start + 10_000);
      var requests = new ArrayList<JobRequest>(end - start);
      for (int i = start; i < end; i++) {
        requests.add(JobRequest.of("bench", "noop").param("i", i));
      }
      rpa.jobs().submitAll(requests);
    }
  }

  @Override
  public void submitOne(int i) {
    rpa.jobs().submit(JobRequest.of("bench", "noop").param("i", i));
  }

  @Override
  public void resume() {
    rpa.start();
  }

  @Override
  public void pause() {
    rpa.close();
    rpa = build();
  }

  @Override
  public long pending() throws Exception {
    return Sql.count(
        monitor,
        "SELECT COUNT(*) FROM jobs WHERE status IN ('SCHEDULED', 'QUEUED', 'CLAIMED', 'RUNNING')");
  }

  @Override
  public void close() {
    rpa.close();
  }
}
