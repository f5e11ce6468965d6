package org.rpa.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.job.JobQuery;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;

class BadInputTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private ManualOrchestrator rpa;

  @BeforeEach
  void open() {
    rpa =
        ManualOrchestrator.builder()
            .database(H2.memory())
            .clock(clock)
            .handler("mfn", "validation", ctx -> JobResult.success())
            .build();
  }

  @AfterEach
  void close() {
    rpa.close();
  }

  private void assertNothingStored() {
    assertThat(rpa.jobs().query(JobQuery.all()).items()).isEmpty();
  }

  @Test
  void an_unknown_provider_is_refused_naming_the_field_and_the_value() {
    assertThatThrownBy(() -> rpa.jobs().submit(JobRequest.of("telkom", "validation")))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.field()).isEqualTo("provider");
              assertThat(e.value()).isEqualTo("telkom");
            })
        .hasMessageContaining("provider must be one of [mfn]");
    assertNothingStored();
  }

  @Test
  void an_unknown_action_is_refused() {
    assertThatThrownBy(() -> rpa.jobs().submit(JobRequest.of("mfn", "upgrade")))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("action"));
    assertNothingStored();
  }

  @Test
  void a_missing_provider_is_refused() {
    assertThatThrownBy(() -> JobRequest.of(null, "validation"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.field()).isEqualTo("provider");
              assertThat(e.value()).isEqualTo("null");
            });
  }

  @Test
  void parameters_that_are_not_a_json_object_are_refused() {
    for (String json : List.of("[1,2]", "\"text\"", "42", "{not json", "null")) {
      assertThatThrownBy(() -> JobRequest.of("mfn", "validation").paramsJson(json))
          .as(json)
          .isInstanceOfSatisfying(
              InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("parameters"))
          .hasMessageContaining("must be a JSON object");
    }
    assertThat(JobRequest.of("mfn", "validation").paramsJson("{\"a\":1}").params())
        .containsEntry("a", 1);
  }

  @Test
  void a_negative_or_zero_timeout_is_refused() {
    assertThatThrownBy(() -> JobRequest.of("mfn", "validation").timeout(Duration.ofSeconds(-1)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("timeout"))
        .hasMessage("timeout must be positive, but was PT-1S");
    assertThatThrownBy(() -> JobRequest.of("mfn", "validation").timeout(Duration.ZERO))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void an_unparsable_time_is_refused() {
    assertThatThrownBy(() -> JobRequest.of("mfn", "validation").runAt("tomorrow at nine"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.field()).isEqualTo("run_at");
              assertThat(e.value()).isEqualTo("tomorrow at nine");
            });
    assertThatThrownBy(() -> JobRequest.of("mfn", "validation").deadline("2026-13-01T00:00:00Z"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("deadline"));
  }

  @Test
  void out_of_range_numbers_are_refused() {
    assertThatThrownBy(() -> JobRequest.of("mfn", "validation").priority(101))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("priority"));
    assertThatThrownBy(() -> JobRequest.of("mfn", "validation").maxAttempts(0))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("max_attempts"));
    assertThatThrownBy(() -> JobQuery.all().limit(501))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    assertThatThrownBy(() -> JobQuery.all().after("garbage!"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
  }

  @Test
  void a_deadline_in_the_past_is_refused_and_nothing_is_stored() {
    var request = JobRequest.of("mfn", "validation").deadline(clock.instant().minusSeconds(1));
    assertThatThrownBy(() -> rpa.jobs().submit(request))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("deadline"));
    assertNothingStored();
  }

  @Test
  void one_bad_request_in_a_batch_stores_none_of_it() {
    var good = JobRequest.of("mfn", "validation");
    var bad = JobRequest.of("osn", "validation");
    assertThatThrownBy(() -> rpa.jobs().submitAll(List.of(good, good, bad)))
        .isInstanceOf(InvalidRequestException.class);
    assertNothingStored();
  }

  @Test
  void an_unreadable_recurrence_is_refused() {
    assertThatThrownBy(
            () -> rpa.jobs().submit(JobRequest.of("mfn", "validation").recurrence("every tuesday")))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("recurrence"));
    assertNothingStored();
  }
}
