package org.rpa.bench;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The job Quartz runs; Quartz creates one per execution by reflection. */
public final class QuartzNoop implements Job {
  @Override
  public void execute(JobExecutionContext context) {
    Recorder.ran(context.getMergedJobDataMap().getInt("i"));
  }
}
