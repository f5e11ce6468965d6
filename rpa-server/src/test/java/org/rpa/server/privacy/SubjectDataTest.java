package org.rpa.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SubjectDataTest {
  private static final Pattern SUBJECT =
      Pattern.compile(Pattern.quote("MFN-100015"), Pattern.CASE_INSENSITIVE);

  @Test
  void json_values_are_redacted_inside_strings_arrays_and_objects_and_stay_valid_json() {
    String json =
        "{\"circuit_number\":\"mfn-100015\",\"note\":\"Circuit MFN-100015 is active\","
            + "\"list\":[\"MFN-100015\",\"other\"],\"nested\":{\"x\":{\"y\":\"MFN-100015\"}},"
            + "\"count\":3}";

    assertThat(Redaction.redact(json, SUBJECT))
        .isEqualTo(
            "{\"circuit_number\":\"[erased]\",\"note\":\"Circuit [erased] is active\","
                + "\"list\":[\"[erased]\",\"other\"],\"nested\":{\"x\":{\"y\":\"[erased]\"}},"
                + "\"count\":3}");
  }

  @Test
  void a_number_that_contains_the_subject_becomes_a_redacted_string_not_broken_json() {
    Pattern digits = Pattern.compile(Pattern.quote("4711"));

    assertThat(Redaction.redact("{\"account\":947110}", digits))
        .isEqualTo("{\"account\":\"9[erased]0\"}");
  }

  @Test
  void plain_text_and_text_without_the_subject_are_handled() {
    assertThat(Redaction.redact("Portal refused MFN-100015", SUBJECT))
        .isEqualTo("Portal refused [erased]");
    assertThat(Redaction.redact("{\"a\":\"b\"}", SUBJECT)).isEqualTo("{\"a\":\"b\"}");
    assertThat(Redaction.redact(null, SUBJECT)).isNull();
  }

  @Test
  void subjects_are_identifiers_that_cannot_match_everything() {
    assertThat(SubjectData.SUBJECT.matcher("MFN-100015").matches()).isTrue();
    assertThat(SubjectData.SUBJECT.matcher("acc 42/7").matches()).isTrue();
    assertThat(SubjectData.SUBJECT.matcher("ab").matches()).isFalse();
    assertThat(SubjectData.SUBJECT.matcher("%%%%").matches()).isFalse();
    // "_" is a LIKE wildcard in the prefilter, but every candidate is then matched literally.
    assertThat(SubjectData.SUBJECT.matcher("acc_42_7").matches()).isTrue();
    assertThat(SubjectData.SUBJECT.matcher("x\"}").matches()).isFalse();
  }
}
