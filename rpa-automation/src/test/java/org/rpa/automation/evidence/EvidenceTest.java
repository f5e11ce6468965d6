package org.rpa.automation.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.job.JobId;
import org.rpa.core.testing.MutableClock;

class EvidenceTest {
  @TempDir Path root;

  @Test
  void screenshots_are_deleted_once_older_than_the_retention() {
    var clock = MutableClock.at("2026-01-01T00:00:00Z");
    var evidence = new Evidence(root, clock, Duration.ofDays(30));
    evidence.save(JobId.of(1), "old page", new byte[] {1, 2, 3});
    clock.advance(Duration.ofDays(10));
    evidence.save(JobId.of(2), "new page", new byte[] {4});

    clock.advance(Duration.ofDays(21));
    assertThat(evidence.runRetention()).isEqualTo(1);

    assertThat(evidence.list(JobId.of(1))).isEmpty();
    assertThat(evidence.list(JobId.of(2)))
        .extracting(Screenshot::name)
        .containsExactly("0001-new-page.png");
  }

  @Test
  void a_popia_request_deletes_the_evidence_of_its_subject_only() {
    var evidence = new Evidence(root, MutableClock.at("2026-01-01T00:00:00Z"), Duration.ofDays(30));
    evidence.subject(JobId.of(1), "MFN-100001");
    evidence.save(JobId.of(1), "a", new byte[] {1});
    evidence.subject(JobId.of(2), "MFN-100002");
    evidence.save(JobId.of(2), "b", new byte[] {1});

    assertThat(evidence.deleteSubject("MFN-100001")).isEqualTo(1);

    assertThat(evidence.list(JobId.of(1))).isEmpty();
    assertThat(evidence.list(JobId.of(2))).hasSize(1);
  }

  @Test
  void open_serves_only_listed_names() {
    var evidence = new Evidence(root, MutableClock.at("2026-01-01T00:00:00Z"), Duration.ofDays(30));
    evidence.save(JobId.of(3), "page", new byte[] {9});
    assertThat(evidence.open(JobId.of(3), "0001-page.png")).isPresent();
    assertThat(evidence.open(JobId.of(3), "../3/0001-page.png")).isEmpty();
  }

  @Test
  void a_screenshot_is_named_after_a_subject_only_when_its_name_spells_the_whole_subject() {
    var evidence = new Evidence(root, MutableClock.at("2026-01-01T00:00:00Z"), Duration.ofDays(30));
    String name = evidence.save(JobId.of(4), "service MFN-100015", new byte[] {1}).name();

    assertThat(Evidence.namedAfter(name, "MFN-100015")).isTrue();
    assertThat(Evidence.namedAfter(name, "MFN-1000")).isFalse();
    assertThat(Evidence.namedAfter("0001-service-osn-2.png", "OSN-2")).isTrue();
    assertThat(Evidence.namedAfter("0001-service-osn-2.png", "OSN-3")).isFalse();
    assertThat(Evidence.namedAfter("service-mfn-100015.txt", "MFN-100015")).isFalse();
  }
}
