package org.rpa.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.job.JobStatus;

class ThousandJobsMainTest {

  @Test
  void every_one_of_the_thousand_jobs_ends_completed_or_failed(@TempDir Path dir) throws Exception {
    var ended = ThousandJobsMain.run("jdbc:h2:file:" + dir.resolve("rpa").toAbsolutePath(), 1000);

    assertThat(ended.keySet()).containsOnly(JobStatus.COMPLETED, JobStatus.FAILED);
    assertThat(ended.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
    // Circuits ending in 7 are never found: a business failure, never retried.
    assertThat(ended.get(JobStatus.FAILED)).isGreaterThanOrEqualTo(100);
    assertThat(ended.get(JobStatus.COMPLETED)).isGreaterThan(800);
  }
}
