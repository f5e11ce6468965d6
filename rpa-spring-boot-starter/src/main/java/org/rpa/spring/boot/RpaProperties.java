package org.rpa.spring.boot;

import java.time.Duration;
import java.time.ZoneId;
import org.rpa.core.Orchestrator;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code rpa.*} properties: the orchestrator's settings that an application sets in its
 * configuration. Each default is the core's ({@code OrchestratorSettings.DEFAULT_*}, written out
 * here so that the configuration metadata shows it); the core validates the values when the
 * orchestrator is built, and a wrong one fails the application's start with the core's message
 * ({@code concurrency must be positive, but was 0}).
 */
@ConfigurationProperties("rpa")
public class RpaProperties {

  /** Whether to build an orchestrator on the application's DataSource. */
  private boolean enabled = true;

  /** Whether the orchestrator starts with the application context; otherwise call start(). */
  private boolean autoStartup = true;

  /** Handler threads of the in-process executor. */
  private int concurrency = 8;

  /** Claimed jobs held beyond the busy threads; unset, 7 per handler thread. */
  private Integer bufferSize;

  /** Jobs one claim statement takes at most. */
  private int batchSize = 128;

  /** How long an executor's lease lasts without a heartbeat; at least twice the heartbeat. */
  private Duration leaseLength = Duration.ofSeconds(60);

  /** How often the executor renews its lease. */
  private Duration heartbeatInterval = Duration.ofSeconds(10);

  /** How often the dispatcher looks for due jobs when nothing woke it. */
  private Duration pollInterval = Duration.ofSeconds(1);

  /** How long one execution may run unless its job says otherwise. */
  private Duration jobTimeout = Duration.ofMinutes(15);

  /** How long stopping waits for running jobs before it interrupts them. */
  private Duration shutdownTimeout = Duration.ofSeconds(30);

  /** How long finished jobs are kept before the daily cleanup deletes them. */
  private Duration jobRetention = Duration.ofDays(90);

  /** How long the row of an executor that stopped stays in the fleet. */
  private Duration executorRetention = Duration.ofDays(1);

  /** This process's executor id; unset, host-pid-random. */
  private String executorName;

  /** The time zone of daily background tasks such as the 02:00 cleanup; unset, the system's. */
  private ZoneId scheduleZone;

  /** Whether to share job events with the other instances on PostgreSQL (LISTEN/NOTIFY). */
  private boolean shareEvents;

  /** Applies these properties to {@code builder}. */
  void applyTo(Orchestrator.Builder builder) {
    builder
        .concurrency(concurrency)
        .batchSize(batchSize)
        .leaseLength(leaseLength)
        .heartbeatInterval(heartbeatInterval)
        .pollInterval(pollInterval)
        .jobTimeout(jobTimeout)
        .shutdownTimeout(shutdownTimeout)
        .jobRetention(jobRetention)
        .executorRetention(executorRetention)
        .shareEvents(shareEvents);
    if (bufferSize != null) {
      builder.bufferSize(bufferSize);
    }
    if (executorName != null) {
      builder.executorName(executorName);
    }
    if (scheduleZone != null) {
      builder.scheduleZone(scheduleZone);
    }
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isAutoStartup() {
    return autoStartup;
  }

  public void setAutoStartup(boolean autoStartup) {
    this.autoStartup = autoStartup;
  }

  public int getConcurrency() {
    return concurrency;
  }

  public void setConcurrency(int concurrency) {
    this.concurrency = concurrency;
  }

  public Integer getBufferSize() {
    return bufferSize;
  }

  public void setBufferSize(Integer bufferSize) {
    this.bufferSize = bufferSize;
  }

  public int getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(int batchSize) {
    this.batchSize = batchSize;
  }

  public Duration getLeaseLength() {
    return leaseLength;
  }

  public void setLeaseLength(Duration leaseLength) {
    this.leaseLength = leaseLength;
  }

  public Duration getHeartbeatInterval() {
    return heartbeatInterval;
  }

  public void setHeartbeatInterval(Duration heartbeatInterval) {
    this.heartbeatInterval = heartbeatInterval;
  }

  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  public Duration getJobTimeout() {
    return jobTimeout;
  }

  public void setJobTimeout(Duration jobTimeout) {
    this.jobTimeout = jobTimeout;
  }

  public Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  public void setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }

  public Duration getJobRetention() {
    return jobRetention;
  }

  public void setJobRetention(Duration jobRetention) {
    this.jobRetention = jobRetention;
  }

  public Duration getExecutorRetention() {
    return executorRetention;
  }

  public void setExecutorRetention(Duration executorRetention) {
    this.executorRetention = executorRetention;
  }

  public String getExecutorName() {
    return executorName;
  }

  public void setExecutorName(String executorName) {
    this.executorName = executorName;
  }

  public ZoneId getScheduleZone() {
    return scheduleZone;
  }

  public void setScheduleZone(ZoneId scheduleZone) {
    this.scheduleZone = scheduleZone;
  }

  public boolean isShareEvents() {
    return shareEvents;
  }

  public void setShareEvents(boolean shareEvents) {
    this.shareEvents = shareEvents;
  }
}
