package org.rpa.spring.boot;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.rpa.core.job.JobResult;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A job type {@code orders.slow} whose handler runs until the context's shutdown reaches the phase
 * just above the orchestrator's: the job is still running when the orchestrator is stopped.
 */
@Configuration(proxyBeanMethods = false)
class DrainProbe {
  final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @Bean
  RpaHandler slowOrder() {
    return RpaHandler.of(
        "orders",
        "slow",
        context -> {
          started.countDown();
          return release.await(30, TimeUnit.SECONDS)
              ? JobResult.success()
              : JobResult.technicalFailure("NotReleased", "shutdown never reached the probe");
        });
  }

  @Bean
  SmartLifecycle releaseJustBeforeTheOrchestratorStops() {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        running = true;
      }

      @Override
      public void stop() {
        running = false;
        release.countDown();
      }

      @Override
      public boolean isRunning() {
        return running;
      }

      @Override
      public int getPhase() {
        return RpaLifecycle.PHASE + 1;
      }
    };
  }
}
