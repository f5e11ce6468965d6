package org.rpa.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rpa.core.InvalidRequestException;

class JsonTest {
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  @Test
  void plain_maps_are_copied_to_what_jackson_would_make_of_them() {
    var nested = new HashMap<String, Object>();
    nested.put("circuit", "FTTH-0042");
    nested.put("none", null);
    var params = new LinkedHashMap<String, Object>();
    params.put("i", 7);
    params.put("big", 9_000_000_000L);
    params.put("ratio", 0.25);
    params.put("ok", true);
    params.put("text", "Octotel");
    params.put("nested", nested);
    params.put(
        "list", new ArrayList<>(Arrays.asList(1, "two", null, List.of(3.5), Map.of("k", 1L))));

    Map<String, Object> normalized = Json.normalize("parameters", params);

    assertSameShape(normalized, Json.mapper().convertValue(params, MAP));
  }

  @Test
  void a_normalized_map_is_written_as_jackson_writes_it() throws Exception {
    var nested = new LinkedHashMap<String, Object>();
    nested.put("quote\"back\\slash", "tab\tnew\nline \u0001 é ✓ 😀 </script>");
    nested.put("none", null);
    var params = new LinkedHashMap<String, Object>();
    params.put("i", -7);
    params.put("big", Long.MIN_VALUE);
    params.put("ratio", 1.0E-7);
    params.put("whole", 1e21);
    params.put("ok", false);
    params.put("empty", Map.of());
    params.put("nested", nested);
    params.put("list", new ArrayList<>(Arrays.asList(1, "two", null, List.of(), List.of(3.5))));

    Map<String, Object> normalized = Json.normalize("parameters", params);

    assertThat(Json.write(normalized)).isEqualTo(Json.mapper().writeValueAsString(params));
    assertThat(Json.read(Json.write(normalized))).isEqualTo(normalized);
  }

  @Test
  void other_values_go_through_jackson() {
    var params = new LinkedHashMap<String, Object>();
    params.put("at", Instant.parse("2026-11-23T05:00:00Z"));
    params.put("amount", new BigDecimal("12.50"));
    params.put("nan", Double.NaN);
    params.put("keys", Map.of(1, "one"));
    params.put("pair", new Pair("a", 2));

    Map<String, Object> normalized = Json.normalize("parameters", params);

    assertSameShape(normalized, Json.mapper().convertValue(params, MAP));
    assertThat(normalized.get("at")).isEqualTo("2026-11-23T05:00:00Z");
    assertThat(normalized.get("keys")).isEqualTo(Map.of("1", "one"));
    assertThat(normalized.get("pair")).isEqualTo(Map.of("name", "a", "count", 2));
  }

  @Test
  void a_normalized_map_is_unmodifiable_and_not_copied_again() {
    Map<String, Object> normalized = Json.normalize("parameters", Map.of("i", 1));

    assertThat(Json.normalize("parameters", normalized)).isSameAs(normalized);
    assertThat(Json.normalize("parameters", Json.read("{\"i\":1}"))).isEqualTo(normalized);
    assertThatThrownBy(() -> normalized.put("j", 2))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(normalized).hasToString("{i=1}").isEqualTo(Map.of("i", 1));
    assertThat(normalized.hashCode()).isEqualTo(Map.of("i", 1).hashCode());
  }

  @Test
  void a_value_that_is_not_json_is_rejected_for_its_field() {
    var params = Map.of("self", new Object());

    assertThatThrownBy(() -> Json.normalize("parameters", params))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("parameters");
  }

  record Pair(String name, int count) {}

  /** Equal, and every value of the same class, at every depth. */
  private static void assertSameShape(Object actual, Object expected) {
    assertThat(actual).isEqualTo(expected);
    if (expected instanceof Map<?, ?> map) {
      map.forEach((key, value) -> assertSameShape(((Map<?, ?>) actual).get(key), value));
    } else if (expected instanceof List<?> list) {
      assertThat(actual).isInstanceOf(ArrayList.class);
      for (int i = 0; i < list.size(); i++) {
        assertSameShape(((List<?>) actual).get(i), list.get(i));
      }
    } else if (expected != null) {
      assertThat(actual).isExactlyInstanceOf(expected.getClass());
    }
  }
}
