package org.rpa.core.it;

import java.util.concurrent.CountDownLatch;
import org.rpa.core.Orchestrator;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;

/**
 * An executor that takes one job and hangs in its handler, printing {@code started <job id>
 * <executor id>} first, so that the crash test can kill it with {@code kill -9} in the middle of
 * the job.
 */
public final class CrashingExecutorMain {
  private CrashingExecutorMain() {}

  public static void main(String[] args) throws Exception {
    var never = new CountDownLatch(1);
    var rpa =
        Orchestrator.builder()
            .database(args[0])
            .handler(
                "demo",
                "crash",
                ctx -> {
                  System.out.println("started " + ctx.jobId() + " " + ctx.attempt());
                  System.out.flush();
                  never.await();
                  return JobResult.success();
                })
            .build();
    rpa.start();
    System.out.println("executor " + rpa.executorId());
    rpa.jobs().submit(JobRequest.of("demo", "crash").maxAttempts(3));
    never.await();
  }
}
