package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON example of the source documents (copied verbatim under {@code seed-examples/}) compared
 * field by field with a served answer: every field of the example is served, in the example's
 * order, with the same JSON type; a text in the same format (an ISO-8601 instant, {@code
 * "00:03:45"}, {@code "2 days, 14:32:15"}, a URL, a version); a list of words with the same words
 * in the same order; and a served field the example lacks only where the test names it as an
 * addition (each a departure docs/api.md lists).
 */
public final class SeedExample {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
  private static final Pattern CLOCK = Pattern.compile("\\d\\d:\\d\\d:\\d\\d");
  private static final Pattern UPTIME = Pattern.compile("(\\d+ days?, )?\\d{1,2}:\\d\\d:\\d\\d");
  private static final Pattern URL = Pattern.compile("https?://\\S+");
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+\\S*");

  private final String name;
  private final JsonNode example;
  private final Set<String> additions = new HashSet<>();
  private final Map<String, String> renamed = new HashMap<>();
  private final Set<String> sameValues = new HashSet<>();
  private final Set<String> keyedByValue = new HashSet<>();

  private SeedExample(String name, JsonNode example) {
    this.name = name;
    this.example = example;
  }

  /** The example {@code seed-examples/<name>}. */
  public static SeedExample of(String name) {
    try (InputStream in = SeedExample.class.getResourceAsStream("/seed-examples/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no example " + name);
      }
      return new SeedExample(name, JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonNode example() {
    return example;
  }

  /** Fields the served answer adds ({@code "attempt"}, {@code "result.details.x"}). */
  public SeedExample adds(String... paths) {
    additions.addAll(List.of(paths));
    return this;
  }

  /** A field served under another name ({@code python_version} → {@code java_version}). */
  public SeedExample renames(String path, String servedName) {
    renamed.put(path, servedName);
    return this;
  }

  /** Fields whose value is a word of the contract, served as the example has it. */
  public SeedExample sameValue(String... paths) {
    sameValues.addAll(List.of(paths));
    return this;
  }

  /**
   * Objects whose keys are values (workers by endpoint): each key must have the format of the
   * example's first key and each value the shape of its first value.
   */
  public SeedExample keyedByValue(String... paths) {
    keyedByValue.addAll(List.of(paths));
    return this;
  }

  /** Asserts that {@code served} has the example's shape; lists every difference found. */
  public void assertMatches(JsonNode served) {
    List<String> differences = new ArrayList<>();
    compare(example, served, "", differences);
    assertThat(differences).as(name + " against " + served).isEmpty();
  }

  private void compare(JsonNode seed, JsonNode served, String path, List<String> out) {
    String at = path.isEmpty() ? "(root)" : path;
    if (served == null || served.isMissingNode()) {
      out.add(at + ": missing");
      return;
    }
    if (seed.getNodeType() != served.getNodeType()) {
      out.add(at + ": " + served.getNodeType() + " where the example has " + seed.getNodeType());
      return;
    }
    if (seed.isNumber() && seed.isIntegralNumber() != served.isIntegralNumber()) {
      out.add(at + ": " + served + " where the example has " + seed + " (integer or not)");
    } else if (seed.isTextual()) {
      text(seed.asText(), served.asText(), at, out);
    }
    if (sameValues.contains(path) && !seed.equals(served)) {
      out.add(at + ": " + served + " where the example has " + seed);
    }
    if (seed.isArray()) {
      array(seed, served, path, out);
    } else if (seed.isObject()) {
      if (keyedByValue.contains(path)) {
        byValue(seed, served, path, out);
      } else {
        object(seed, served, path, out);
      }
    }
  }

  private void object(JsonNode seed, JsonNode served, String path, List<String> out) {
    List<String> expectedOrder = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Iterator<String> it = seed.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      String child = join(path, field);
      String servedName = renamed.getOrDefault(child, field);
      seen.add(servedName);
      expectedOrder.add(servedName);
      compare(seed.get(field), served.get(servedName), join(path, servedName), out);
    }
    List<String> servedOrder = new ArrayList<>();
    for (Iterator<String> it = served.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (seen.contains(field)) {
        servedOrder.add(field);
      } else if (!additions.contains(join(path, field))) {
        out.add(join(path, field) + ": not in the example and not a documented addition");
      }
    }
    if (servedOrder.size() == expectedOrder.size() && !servedOrder.equals(expectedOrder)) {
      out.add(
          (path.isEmpty() ? "(root)" : path)
              + ": fields in the order "
              + servedOrder
              + ", the example's is "
              + expectedOrder);
    }
  }

  private void byValue(JsonNode seed, JsonNode served, String path, List<String> out) {
    if (seed.isEmpty()) {
      return;
    }
    String seedKey = seed.fieldNames().next();
    JsonNode seedValue = seed.get(seedKey);
    if (served.isEmpty()) {
      out.add(path + ": empty where the example has " + seed);
    }
    for (Iterator<String> it = served.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      text(seedKey, key, path + " key " + key, out);
      compare(seedValue, served.get(key), path + "[" + key + "]", out);
    }
  }

  private void array(JsonNode seed, JsonNode served, String path, List<String> out) {
    if (seed.isEmpty()) {
      return;
    }
    boolean words = true;
    for (JsonNode item : seed) {
      words &= item.isTextual();
    }
    if (words) {
      if (!seed.equals(served)) {
        out.add(path + ": " + served + " where the example lists " + seed + " (in this order)");
      }
      return;
    }
    if (served.isEmpty()) {
      out.add(path + ": empty where the example has " + seed.size() + " items");
    }
    for (JsonNode item : served) {
      compare(seed.get(0), item, path + "[]", out);
    }
  }

  private static void text(String seed, String served, String at, List<String> out) {
    for (Pattern format : List.of(INSTANT, CLOCK, UPTIME, URL, VERSION)) {
      if (format.matcher(seed).matches()) {
        if (!format.matcher(served).matches()) {
          out.add(at + ": \"" + served + "\" is not in the format of \"" + seed + "\"");
        } else if (format == INSTANT) {
          try {
            Instant.parse(served);
          } catch (DateTimeParseException e) {
            out.add(at + ": \"" + served + "\" is no instant");
          }
        }
        return;
      }
    }
    if (!seed.isEmpty() && served.isBlank()) {
      out.add(at + ": blank where the example has \"" + seed + "\"");
    }
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
