package org.rpa.core.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The operator's traffic light: green, yellow or red from a few numbers, with the documented
 * thresholds. A pure function; the level is the worst any input reaches, and each non-green input
 * adds a reason.
 *
 * <ul>
 *   <li>Job failure rate: green below 5 %, yellow from 5 % to 10 % inclusive, red above 10 %.
 *   <li>Queue size: green below 20, yellow from 20 to 50 inclusive, red above 50.
 *   <li>Worker utilisation: yellow above 80 %.
 *   <li>Red when no worker is online or the scheduler is not running.
 * </ul>
 *
 * <p>Thread-safe (stateless).
 */
public final class Thresholds {
  public static final double FAILURE_RATE_YELLOW_PERCENT = 5;
  public static final double FAILURE_RATE_RED_PERCENT = 10;
  public static final long QUEUE_YELLOW = 20;
  public static final long QUEUE_RED = 50;
  public static final double UTILIZATION_YELLOW_PERCENT = 80;

  /** The traffic-light colours, from best to worst. */
  public enum Level {
    GREEN,
    YELLOW,
    RED
  }

  /**
   * A verdict and why.
   *
   * @param reasons one sentence per input that is not green, in input order; empty when green
   */
  public record Assessment(Level level, List<String> reasons) {
    public Assessment {
      Objects.requireNonNull(level, "level");
      reasons = List.copyOf(reasons);
    }
  }

  private Thresholds() {}

  /**
   * Assesses the system.
   *
   * @param failureRatePercent failed jobs as a percentage of finished jobs, 0 to 100
   * @param queueSize jobs waiting to run
   * @param workerUtilizationPercent busy slots as a percentage of all slots, 0 to 100
   * @param onlineWorkers executors able to take work
   * @param schedulerRunning whether the background scheduler runs
   * @throws IllegalArgumentException when a number is out of range
   */
  public static Assessment assess(
      double failureRatePercent,
      long queueSize,
      double workerUtilizationPercent,
      int onlineWorkers,
      boolean schedulerRunning) {
    checkPercent("failureRatePercent", failureRatePercent);
    checkPercent("workerUtilizationPercent", workerUtilizationPercent);
    if (queueSize < 0) {
      throw new IllegalArgumentException("queueSize must be >= 0, but was " + queueSize);
    }
    if (onlineWorkers < 0) {
      throw new IllegalArgumentException("onlineWorkers must be >= 0, but was " + onlineWorkers);
    }
    Verdict verdict = new Verdict();
    if (failureRatePercent > FAILURE_RATE_RED_PERCENT) {
      verdict.add(Level.RED, "job failure rate " + failureRatePercent + "% is above 10%");
    } else if (failureRatePercent >= FAILURE_RATE_YELLOW_PERCENT) {
      verdict.add(
          Level.YELLOW, "job failure rate " + failureRatePercent + "% is between 5% and 10%");
    }
    if (queueSize > QUEUE_RED) {
      verdict.add(Level.RED, "queue size " + queueSize + " is above 50");
    } else if (queueSize >= QUEUE_YELLOW) {
      verdict.add(Level.YELLOW, "queue size " + queueSize + " is between 20 and 50");
    }
    if (workerUtilizationPercent > UTILIZATION_YELLOW_PERCENT) {
      verdict.add(
          Level.YELLOW, "worker utilization " + workerUtilizationPercent + "% is above 80%");
    }
    if (onlineWorkers == 0) {
      verdict.add(Level.RED, "no workers online");
    }
    if (!schedulerRunning) {
      verdict.add(Level.RED, "scheduler not running");
    }
    return new Assessment(verdict.level, verdict.reasons);
  }

  private static void checkPercent(String field, double value) {
    if (!(value >= 0 && value <= 100)) {
      throw new IllegalArgumentException(field + " must be in [0, 100], but was " + value);
    }
  }

  private static final class Verdict {
    private Level level = Level.GREEN;
    private final List<String> reasons = new ArrayList<>();

    void add(Level reached, String reason) {
      if (reached.compareTo(level) > 0) {
        level = reached;
      }
      reasons.add(reason);
    }
  }
}
