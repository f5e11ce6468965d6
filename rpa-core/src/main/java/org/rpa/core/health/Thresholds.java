package org.rpa.core.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The operator's traffic light: green, yellow or red from a few numbers. The level is the worst any
 * input reaches, and each non-green input adds a reason. With {@link #DEFAULTS}:
 *
 * <ul>
 *   <li>Job failure rate: green below 5 %, yellow from 5 % to 10 % inclusive, red above 10 %.
 *   <li>Queue size: green below 20, yellow from 20 to 50 inclusive, red above 50.
 *   <li>Worker utilisation: yellow above 80 %.
 *   <li>Red when no worker is online or the scheduler is not running.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param failureRateYellowPercent the failure rate, 0 to 100, from which it is yellow
 * @param failureRateRedPercent the failure rate above which it is red
 * @param queueYellow the queue size from which it is yellow
 * @param queueRed the queue size above which it is red
 * @param utilizationYellowPercent the worker utilisation above which it is yellow
 */
public record Thresholds(
    double failureRateYellowPercent,
    double failureRateRedPercent,
    long queueYellow,
    long queueRed,
    double utilizationYellowPercent) {

  /** The documented thresholds: 5 % / 10 %, 20 / 50 jobs, 80 %. */
  public static final Thresholds DEFAULTS = new Thresholds(5, 10, 20, 50, 80);

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

  /**
   * @throws IllegalArgumentException when a percentage is outside [0, 100], a queue size is
   *     negative, or a yellow threshold is above its red one
   */
  public Thresholds {
    checkPercent("failureRateYellowPercent", failureRateYellowPercent);
    checkPercent("failureRateRedPercent", failureRateRedPercent);
    checkPercent("utilizationYellowPercent", utilizationYellowPercent);
    if (queueYellow < 0 || queueRed < queueYellow) {
      throw new IllegalArgumentException(
          "queue thresholds must be 0 <= yellow <= red, but were " + queueYellow + ", " + queueRed);
    }
    if (failureRateRedPercent < failureRateYellowPercent) {
      throw new IllegalArgumentException(
          "failureRateRedPercent "
              + failureRateRedPercent
              + " must not be below failureRateYellowPercent "
              + failureRateYellowPercent);
    }
  }

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
  public Assessment assess(
      double failureRatePercent,
      long queueSize,
      double workerUtilizationPercent,
      int onlineWorkers,
      boolean schedulerRunning) {
    if (onlineWorkers < 0) {
      throw new IllegalArgumentException("onlineWorkers must be >= 0, but was " + onlineWorkers);
    }
    Verdict verdict = new Verdict();
    verdict.add(failureRate(failureRatePercent), failureRateReason(failureRatePercent));
    verdict.add(queue(queueSize), queueReason(queueSize));
    verdict.add(utilization(workerUtilizationPercent), utilizationReason(workerUtilizationPercent));
    verdict.add(onlineWorkers == 0 ? Level.RED : Level.GREEN, "no workers online");
    verdict.add(schedulerRunning ? Level.GREEN : Level.RED, "scheduler not running");
    return new Assessment(verdict.level, verdict.reasons);
  }

  /** The level of a job failure rate, 0 to 100. */
  public Level failureRate(double percent) {
    checkPercent("failureRatePercent", percent);
    if (percent > failureRateRedPercent) {
      return Level.RED;
    }
    return percent >= failureRateYellowPercent ? Level.YELLOW : Level.GREEN;
  }

  /** The level of a queue size. */
  public Level queue(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("queueSize must be >= 0, but was " + size);
    }
    if (size > queueRed) {
      return Level.RED;
    }
    return size >= queueYellow ? Level.YELLOW : Level.GREEN;
  }

  /** The level of a worker utilisation, 0 to 100. */
  public Level utilization(double percent) {
    checkPercent("workerUtilizationPercent", percent);
    return percent > utilizationYellowPercent ? Level.YELLOW : Level.GREEN;
  }

  /** Why a failure rate is at its level (meaningful when it is not green). */
  public String failureRateReason(double percent) {
    return failureRate(percent) == Level.RED
        ? "job failure rate " + rate(percent) + "% is above " + number(failureRateRedPercent) + "%"
        : "job failure rate "
            + rate(percent)
            + "% is between "
            + number(failureRateYellowPercent)
            + "% and "
            + number(failureRateRedPercent)
            + "%";
  }

  /** Why a queue size is at its level (meaningful when it is not green). */
  public String queueReason(long size) {
    return queue(size) == Level.RED
        ? "queue size " + size + " is above " + queueRed
        : "queue size " + size + " is between " + queueYellow + " and " + queueRed;
  }

  /** Why a utilisation is at its level (meaningful when it is not green). */
  public String utilizationReason(double percent) {
    return "worker utilization "
        + rate(percent)
        + "% is above "
        + number(utilizationYellowPercent)
        + "%";
  }

  /** A measured percentage, to two decimals at most: {@code 6.82}, {@code 80.0}. */
  private static String rate(double percent) {
    return new java.text.DecimalFormat(
            "0.0#", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
        .format(percent);
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
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
      if (reached == Level.GREEN) {
        return;
      }
      if (reached.compareTo(level) > 0) {
        level = reached;
      }
      reasons.add(reason);
    }
  }
}
