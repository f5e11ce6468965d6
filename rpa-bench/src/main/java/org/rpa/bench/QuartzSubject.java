package org.rpa.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz 2.5 with its JDBC job store (JobStoreTX), 16 threads, acquiring up to 16 triggers at a
 * time; clustered on PostgreSQL. Paused means in standby.
 */
final class QuartzSubject implements Subject {
  private final DataSource dataSource;
  private final Scheduler scheduler;

  QuartzSubject(DataSource dataSource, boolean postgres) throws Exception {
    this.dataSource = dataSource;
    Sql.script(dataSource, ddl(postgres ? "tables_postgres.sql" : "tables_h2.sql"));
    QuartzConnections.dataSource = dataSource;
    var p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "bench");
    p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
    p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", "16");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(BenchRun.THREADS));
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        postgres
            ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
            : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", "bench");
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(postgres));
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    p.setProperty(
        "org.quartz.dataSource.bench.connectionProvider.class", QuartzConnections.class.getName());
    this.scheduler = new StdSchedulerFactory(p).getScheduler();
  }

  private static String ddl(String name) throws IOException {
    try (InputStream in =
        Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static JobDetail job(int i) {
    return JobBuilder.newJob(QuartzNoop.class).withIdentity("j" + i).usingJobData("i", i).build();
  }

  private static Trigger trigger(int i) {
    return TriggerBuilder.newTrigger().withIdentity("t" + i).startNow().build();
  }

  @Override
  public void submitBatch(int from, int count) throws Exception {
    Map<JobDetail, Set<? extends Trigger>> jobs = new HashMap<>();
    for (int i = from; i < from + count; i++) {
      jobs.put(job(i), Set.of(trigger(i)));
    }
    scheduler.scheduleJobs(jobs, false);
  }

  @Override
  public void submitOne(int i) throws Exception {
    scheduler.scheduleJob(job(i), trigger(i));
  }

  @Override
  public void resume() throws Exception {
    scheduler.start();
  }

  @Override
  public void pause() throws Exception {
    scheduler.standby();
  }

  @Override
  public long pending() throws Exception {
    return Sql.count(
        dataSource,
        "SELECT (SELECT COUNT(*) FROM QRTZ_TRIGGERS) + (SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS)");
  }

  @Override
  public void close() throws Exception {
    scheduler.shutdown(true);
  }
}
