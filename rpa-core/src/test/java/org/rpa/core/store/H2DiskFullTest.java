package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.StoreException;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;
import org.rpa.core.testing.disk.FillableDisk;

/**
 * An H2 file whose disk fills: H2 closes the database at the first write that fails, and every
 * pooled connection then answers "The database has been closed" while passing {@code isValid()}.
 * The pool drops those connections ({@link H2ClosedDatabase}), so the store works again once the
 * disk has room, without a restart; its errors name the full disk.
 */
class H2DiskFullTest {
  @TempDir Path directory;
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private ManualOrchestrator rpa;

  @AfterEach
  void close() {
    FillableDisk.free(directory);
    if (rpa != null) {
      rpa.close();
    }
  }

  @Test
  void the_store_works_again_without_a_restart_once_the_full_disk_has_room() {
    rpa =
        ManualOrchestrator.builder()
            .database(FillableDisk.url(directory, "rpa"))
            .clock(clock)
            .handler("demo", "echo", job -> JobResult.success(Map.of()))
            .build();
    JobId before = rpa.jobs().submit(JobRequest.of("demo", "echo"));

    FillableDisk.fill(directory);
    assertThatThrownBy(() -> rpa.jobs().submit(JobRequest.of("demo", "echo")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("No space left on device");
    assertThatThrownBy(() -> rpa.jobs().submit(JobRequest.of("demo", "echo")))
        .as("the database closed: the error still names the disk")
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("No space left on device");
    // Asked again and again: once the pool has replaced the connections of the closed database,
    // H2 reopens its file, and a SELECT 1 alone would pass.
    for (int report = 0; report < 5; report++) {
      assertThat(rpa.health().report().component("database").orElseThrow())
          .as("the store reads but cannot write: down all the same, and says why")
          .satisfies(
              database -> {
                assertThat(database.status().name()).isEqualTo("UNHEALTHY");
                assertThat(database.message()).contains("No space left on device");
              });
    }
    FillableDisk.free(directory);

    // The pool's connections of the closed database each fail once and are dropped.
    var failures = new ArrayList<String>();
    JobId after = null;
    for (int attempt = 0; attempt < 10 && after == null; attempt++) {
      try {
        after = rpa.jobs().submit(JobRequest.of("demo", "echo"));
      } catch (StoreException stillClosed) {
        failures.add(stillClosed.getMessage());
      }
    }
    assertThat(after).as("a submit after the space returned; failures: %s", failures).isNotNull();
    assertThat(failures.size()).as("failures: %s", failures).isLessThanOrEqualTo(2);
    List<JobId> more = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      more.add(rpa.jobs().submit(JobRequest.of("demo", "echo")));
    }
    rpa.tick();
    rpa.tick();
    assertThat(rpa.jobs().get(before).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(rpa.jobs().get(after).status()).isEqualTo(JobStatus.COMPLETED);
    for (JobId id : more) {
      assertThat(rpa.jobs().get(id).status()).isEqualTo(JobStatus.COMPLETED);
    }
    assertThat(rpa.health().report().component("database").orElseThrow().status().name())
        .isEqualTo("HEALTHY");
  }
}
