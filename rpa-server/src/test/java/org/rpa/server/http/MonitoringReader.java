package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.rpa.server.TestServer;

/** The test-side helpers both halves of the contract share. */
interface MonitoringReader {
  MonitoringHistory history();

  TestServer server();

  /** GET with an admin token. */
  HttpResponse<String> get(String path);

  /** The {@code data} of a 200 answer in 004's envelope. */
  default JsonNode data(String path) {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
    JsonNode body = server().body(response);
    assertThat(body.path("success").asBoolean()).as(path).isTrue();
    assertThat(body.size()).as("only success and data").isEqualTo(2);
    return body.path("data");
  }

  /** {@code text} with single quotes for double quotes, and {@code <jN>} for job ids. */
  default JsonNode json(String text) {
    String filled = text.replace('\'', '"');
    for (int job = 15; job >= 1; job--) {
      filled = filled.replace("<j" + job + ">", String.valueOf(history().id("j" + job)));
    }
    try {
      return server().json.readTree(filled);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The logs of {@code data} without their ids, which {@link #ids} checks. */
  default List<JsonNode> withoutIds(JsonNode logs) {
    List<JsonNode> stripped = new ArrayList<>();
    for (JsonNode log : logs) {
      ObjectNode copy = log.deepCopy();
      copy.remove("id");
      stripped.add(copy);
    }
    return stripped;
  }

  /** The log ids, which must be distinct and newest (highest) first. */
  default List<Long> ids(JsonNode logs) {
    List<Long> ids = new ArrayList<>();
    logs.forEach(log -> ids.add(log.path("id").asLong()));
    assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo((x, y) -> Long.compare(y, x));
    return ids;
  }

  /** Each log as {@code jN.attempt STATUS}, with 004's attempt (0 for the first). */
  default List<String> labels(JsonNode logs) {
    List<String> labels = new ArrayList<>();
    for (JsonNode log : logs) {
      String job = "?";
      for (int index = 1; index <= 15; index++) {
        if (history().id("j" + index) == log.path("jobId").asLong()) {
          job = "j" + index;
        }
      }
      labels.add(job + "." + log.path("attempt").asInt() + " " + log.path("status").asText());
    }
    return labels;
  }
}
