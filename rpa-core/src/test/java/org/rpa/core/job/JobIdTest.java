package org.rpa.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rpa.core.InvalidRequestException;

class JobIdTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "+1",
        "-1",
        "0",
        "01",
        " 1",
        "1 ",
        "\t1",
        "\uFF11",
        "\u0661",
        "1e3",
        "0x1",
        "",
        "9223372036854775808",
        "12345678901234567890"
      })
  void a_job_id_is_refused_unless_written_as_plain_ascii_digits(String text) {
    assertThatThrownBy(() -> JobId.parse(text))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("job_id ");
  }

  @Test
  void a_canonical_job_id_parses_up_to_the_largest_long() {
    assertThat(JobId.parse("1")).isEqualTo(JobId.of(1));
    assertThat(JobId.parse("4711")).isEqualTo(JobId.of(4711));
    assertThat(JobId.parse("9223372036854775807")).isEqualTo(JobId.of(Long.MAX_VALUE));
  }

  @Test
  void a_missing_job_id_is_refused() {
    assertThatThrownBy(() -> JobId.parse(null)).isInstanceOf(InvalidRequestException.class);
  }
}
