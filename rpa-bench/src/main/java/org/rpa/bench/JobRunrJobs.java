package org.rpa.bench;

/** The job JobRunr runs: a public static method it finds by name. */
public final class JobRunrJobs {
  private JobRunrJobs() {}

  public static void noop(int i) {
    Recorder.ran(i);
  }
}
