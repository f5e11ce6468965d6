package org.rpa.core.it;

import org.rpa.core.Orchestrator;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;

/**
 * Submits jobs one at a time, forever, and prints each id on its own line once its submit returned.
 * The durability test kills it with {@code kill -9} in the middle.
 */
public final class SubmitterMain {
  private SubmitterMain() {}

  public static void main(String[] args) {
    try (var rpa = Orchestrator.builder().database(args[0]).jobType("demo", "echo").build()) {
      for (int i = 0; ; i++) {
        JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo").param("i", i));
        System.out.println(id.value());
        System.out.flush();
      }
    }
  }
}
