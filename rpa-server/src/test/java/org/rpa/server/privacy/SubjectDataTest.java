package org.rpa.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubjectDataTest {
  private static final SubjectMatch SUBJECT = SubjectMatch.of("MFN-100015");

  @Test
  void json_values_are_redacted_inside_strings_arrays_and_objects_and_stay_valid_json() {
    String json =
        "{\"circuit_number\":\"MFN-100015\",\"note\":\"Circuit MFN-100015 is active\","
            + "\"list\":[\"MFN-100015\",\"other\"],\"nested\":{\"x\":{\"y\":\"MFN-100015\"}},"
            + "\"count\":3}";

    assertThat(Redaction.redact(json, SUBJECT))
        .isEqualTo(
            "{\"circuit_number\":\"[erased]\",\"note\":\"Circuit [erased] is active\","
                + "\"list\":[\"[erased]\",\"other\"],\"nested\":{\"x\":{\"y\":\"[erased]\"}},"
                + "\"count\":3}");
  }

  @Test
  void a_number_equal_to_the_subject_becomes_a_redacted_string_and_a_longer_number_stays() {
    SubjectMatch digits = SubjectMatch.of("4711");

    assertThat(Redaction.redact("{\"account\":4711}", digits))
        .isEqualTo("{\"account\":\"[erased]\"}");
    assertThat(Redaction.redact("{\"account\":947110}", digits)).isEqualTo("{\"account\":947110}");
  }

  @Test
  void plain_text_and_text_without_the_subject_are_handled() {
    assertThat(Redaction.redact("Portal refused MFN-100015.", SUBJECT))
        .isEqualTo("Portal refused [erased].");
    assertThat(Redaction.redact("{\"a\":\"b\"}", SUBJECT)).isEqualTo("{\"a\":\"b\"}");
    assertThat(Redaction.redact(null, SUBJECT)).isNull();
  }

  @Test
  void a_subject_is_never_matched_inside_a_longer_identifier() {
    SubjectMatch prefix = SubjectMatch.of("MFN-1000");
    SubjectMatch dash = SubjectMatch.of("OSN-");

    for (String text :
        new String[] {
          "MFN-100015", "XMFN-1000", "order-MFN-1000", "MFN-1000/2", "MFN-1000.png", "mfn-1000"
        }) {
      assertThat(prefix.in(text)).as(text).isFalse();
      assertThat(Redaction.redact("{\"c\":\"" + text + "\"}", prefix))
          .isEqualTo("{\"c\":\"" + text + "\"}");
    }
    assertThat(dash.in("OSN-2")).isFalse();
    assertThat(Redaction.redact("turned OSN-2 off", dash)).isEqualTo("turned OSN-2 off");
    assertThat(Redaction.redact("{\"c\":\"OSN-\",\"d\":\"OSN-2\"}", dash))
        .isEqualTo("{\"c\":\"[erased]\",\"d\":\"OSN-2\"}");
    for (String text : new String[] {"MFN-1000", "(MFN-1000)", "MFN-1000, next", "for MFN-1000."}) {
      assertThat(prefix.in(text)).as(text).isTrue();
    }
  }

  @Test
  void a_field_name_that_names_the_subject_leaves_the_document_as_it_was() {
    String json = "{ \"MFN-100015\" : 1 }";

    assertThat(Redaction.redact(json, SUBJECT)).isSameAs(json);
  }

  @Test
  void like_wildcards_in_the_subject_are_escaped_for_the_sieve() {
    assertThat(SubjectMatch.of("A%B_C1").in("AxxBZC1")).isFalse();
    assertThat(SubjectMatch.of(" MFN-1 ").is("MFN-1")).isTrue();
  }

  @Test
  void subjects_are_identifiers_that_cannot_match_everything() {
    assertThat(SubjectData.SUBJECT.matcher("MFN-100015").matches()).isTrue();
    assertThat(SubjectData.SUBJECT.matcher("acc 42/7").matches()).isTrue();
    assertThat(SubjectData.SUBJECT.matcher("ab").matches()).isFalse();
    assertThat(SubjectData.SUBJECT.matcher("%%%%").matches()).isFalse();
    assertThat(SubjectData.SUBJECT.matcher("acc_42_7%").matches()).isTrue();
    assertThat(SubjectData.SUBJECT.matcher("x\"}").matches()).isFalse();
    assertThatThrownBy(() -> SubjectMatch.of("ab")).isInstanceOf(IllegalArgumentException.class);
  }
}
