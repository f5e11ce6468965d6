package org.rpa.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class JobTransitionsTest {

  @Test
  void final_statuses_have_no_way_out() {
    for (JobStatus from : EnumSet.of(JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED)) {
      for (JobStatus to : JobStatus.values()) {
        assertThat(JobTransitions.isLegal(from, to)).as("%s -> %s", from, to).isFalse();
      }
    }
  }

  @Test
  void every_non_final_status_can_be_cancelled() {
    for (JobStatus from : JobStatus.values()) {
      if (!from.isFinal()) {
        assertThat(JobTransitions.isLegal(from, JobStatus.CANCELLED)).as("%s", from).isTrue();
      }
    }
  }

  @Test
  void the_happy_path_is_legal() {
    assertThat(JobTransitions.isLegal(JobStatus.SCHEDULED, JobStatus.QUEUED)).isTrue();
    assertThat(JobTransitions.isLegal(JobStatus.QUEUED, JobStatus.CLAIMED)).isTrue();
    assertThat(JobTransitions.isLegal(JobStatus.CLAIMED, JobStatus.RUNNING)).isTrue();
    assertThat(JobTransitions.isLegal(JobStatus.RUNNING, JobStatus.COMPLETED)).isTrue();
    assertThat(JobTransitions.isLegal(JobStatus.RUNNING, JobStatus.SCHEDULED)).isTrue();
  }

  @Test
  void an_illegal_pair_throws_and_names_the_job_and_both_statuses() {
    assertThatThrownBy(() -> JobTransitions.check(7, JobStatus.COMPLETED, JobStatus.RUNNING))
        .isInstanceOf(IllegalJobTransitionException.class)
        .hasMessage("Job 7 cannot go from COMPLETED to RUNNING");
    assertThatThrownBy(() -> JobTransitions.check(7, JobStatus.QUEUED, JobStatus.RUNNING))
        .isInstanceOf(IllegalJobTransitionException.class);
    assertThatThrownBy(() -> JobTransitions.check(7, JobStatus.SCHEDULED, JobStatus.CLAIMED))
        .isInstanceOf(IllegalJobTransitionException.class);
  }

  @Test
  void the_table_has_exactly_the_documented_pairs() {
    int legal = 0;
    for (JobStatus from : JobStatus.values()) {
      legal += JobTransitions.targets(from).size();
    }
    assertThat(legal).isEqualTo(3 + 4 + 5 + 5);
  }
}
