package org.rpa.server.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobResult;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.TestServer;

/**
 * Every operation that {@code /openapi.json} describes, fed every class of bad input: odd ids and
 * injection-looking strings in each path and query parameter, method overrides, and for each
 * request body malformed JSON, wrong types, missing and unknown fields, odd numbers, an oversized
 * body and wrong content types. Each is refused with one of the operation's documented 4xx statuses
 * and the error body, no stack trace or library text, and nothing stored changes: every table's
 * rows and every evidence file are as before. A route gets the sweep by being described.
 */
class ApiSweepTest {
  private static final Map<String, String> EXAMPLES =
      Map.of(
          "JobCreate",
          "{\"provider\":\"mfn\",\"action\":\"validation\",\"parameters\":{\"circuit\":\"S-2\"}}",
          "JobPatch",
          "{\"priority\":3}",
          "DataRequest",
          "{\"request_type\":\"access\",\"email\":\"a@example.com\",\"subject\":\"SWEEP-1\"}",
          "CallbackBody",
          "{\"job_id\":1,\"occurrence\":1,\"attempt\":1,\"executor_id\":\"w\","
              + "\"status\":\"completed\",\"execution_status\":\"SUCCESS\",\"result\":{},\"retryable\":false}");
  private static final String FORM = "application/x-www-form-urlencoded";

  private static TestServer server;
  private static SweepVerdicts verdicts;
  private static JsonNode schemas;

  @BeforeAll
  static void start() {
    // An in-process handler of a type the sweep never submits, so that an executor can run jobs:
    // without one the full health answers 503 (no executor), which is its documented answer.
    server =
        new TestServer(
            // No heartbeat after the first: each rewrites the executor's row (its memory sample),
            // which a sweep longer than one heartbeat interval would see as a change.
            Map.of(
                "LOGIN_MAX_FAILURES",
                "1000",
                "HEARTBEAT_INTERVAL_SECONDS",
                "3600",
                "LEASE_LENGTH_SECONDS",
                "7200"),
            MutableClock.at("2026-01-01T00:00:00Z"),
            null,
            builder -> builder.handler("demo", "echo", ctx -> JobResult.success()));
    String token = server.adminToken();
    verdicts = new SweepVerdicts(server, token);
    var created =
        server.sendJson(
            "POST",
            "/jobs",
            "{\"provider\":\"mfn\",\"action\":\"validation\",\"parameters\":{\"circuit\":\"S-1\"}}",
            token);
    assertThat(server.body(created).path("id").asLong()).as("the job odd ids point at").isOne();
    server.server.automation().evidence().save(JobId.of(1), "Open login page", new byte[] {1, 2});
    JsonNode document = server.body(server.get("/openapi.json", null));
    schemas = document.path("components").path("schemas");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> every_described_operation_refuses_bad_input_and_changes_nothing() {
    JsonNode document = server.body(server.get("/openapi.json", null));
    List<DescribedOperation> operations = DescribedOperation.all(document);
    assertThat(operations).hasSizeGreaterThanOrEqualTo(22);
    List<DynamicTest> tests = new ArrayList<>();
    for (DescribedOperation operation : operations) {
      pathCases(operation, tests);
      queryCases(operation, tests);
      overrideCases(operation, tests);
      if (operation.takesJson()) {
        jsonBodyCases(operation, tests);
      } else if (FORM.equals(operation.bodyType())) {
        formBodyCases(operation, tests);
      }
    }
    return tests.stream();
  }

  private static void pathCases(DescribedOperation operation, List<DynamicTest> tests) {
    for (String parameter : operation.pathParameters()) {
      List<BadValues.Named> values =
          parameter.equals("id") || parameter.equals("job_id")
              ? BadValues.IDS
              : BadValues.INJECTIONS;
      for (BadValues.Named value : values) {
        String path = fill(operation.path(), parameter, value.value());
        tests.add(
            test(
                operation,
                "path " + parameter + " " + value.name(),
                () ->
                    verdicts.refused(
                        operation,
                        verdicts.send(
                            operation,
                            path,
                            exampleType(operation),
                            example(operation),
                            r -> {}))));
      }
    }
  }

  private static String example(DescribedOperation operation) {
    if (operation.bodyType() == null) {
      return null;
    }
    if (FORM.equals(operation.bodyType())) {
      return "username=admin&password=not-the-password";
    }
    String example = EXAMPLES.get(operation.bodySchema());
    assertThat(example).as("a valid example body for " + operation.bodySchema()).isNotNull();
    return example;
  }

  private static String exampleType(DescribedOperation operation) {
    return operation.bodyType();
  }

  private static void queryCases(DescribedOperation operation, List<DynamicTest> tests) {
    for (String parameter : operation.queryParameters()) {
      for (BadValues.Named value : BadValues.INJECTIONS) {
        String path = fill(operation.path(), null, null) + "?" + parameter + "=" + value.value();
        tests.add(
            test(
                operation,
                "query " + parameter + " " + value.name(),
                () ->
                    verdicts.answered(
                        operation, verdicts.send(operation, path, null, null, r -> {}))));
      }
    }
  }

  /** The method on the wire is the method: an override header or field changes nothing. */
  private static void overrideCases(DescribedOperation operation, List<DynamicTest> tests) {
    if (!operation.method().equals("GET")) {
      return;
    }
    String path = fill(operation.path(), null, null);
    for (String header : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")) {
      tests.add(
          test(
              operation,
              header + ": DELETE",
              () ->
                  verdicts.answered(
                      operation,
                      verdicts.send(
                          operation, path, null, null, r -> r.header(header, "DELETE")))));
    }
    tests.add(
        test(
            operation,
            "_method=DELETE",
            () ->
                verdicts.answered(
                    operation,
                    verdicts.send(operation, path + "?_method=DELETE", null, null, r -> {}))));
  }

  private static void jsonBodyCases(DescribedOperation operation, List<DynamicTest> tests) {
    String path = fill(operation.path(), null, null);
    String json = "application/json";
    for (BadValues.Named body : BadValues.MALFORMED) {
      tests.add(
          test(
              operation,
              "body " + body.name(),
              () ->
                  verdicts.refused(
                      operation, verdicts.send(operation, path, json, body.value(), r -> {}))));
    }
    String example = example(operation);
    ObjectNode base = (ObjectNode) readJson(example);
    tests.add(
        test(
            operation,
            "body with no fields",
            () ->
                verdicts.refused(operation, verdicts.send(operation, path, json, "{}", r -> {}))));
    tests.add(
        test(
            operation,
            "body with an unknown field",
            () ->
                verdicts.refused(
                    operation,
                    verdicts.send(
                        operation,
                        path,
                        json,
                        base.deepCopy().put("zz_unknown", 1).toString(),
                        r -> {}))));
    schemas
        .path(operation.bodySchema())
        .path("properties")
        .fields()
        .forEachRemaining(
            property -> {
              for (JsonNode wrong : BadValues.wrongTypes(type(property.getValue()))) {
                String body = base.deepCopy().set(property.getKey(), wrong).toString();
                tests.add(
                    test(
                        operation,
                        "body " + property.getKey() + "=" + abbreviate(wrong.toString()),
                        () ->
                            verdicts.refused(
                                operation, verdicts.send(operation, path, json, body, r -> {}))));
              }
            });
    tests.add(
        test(
            operation,
            "oversized body",
            () -> verdicts.refused(operation, verdicts.oversized(operation, path, json))));
    for (String type : BadValues.WRONG_TYPES) {
      tests.add(
          test(
              operation,
              "content type '" + type + "'",
              () ->
                  verdicts.refused(
                      operation, verdicts.send(operation, path, type, example, r -> {}))));
    }
  }

  private static void formBodyCases(DescribedOperation operation, List<DynamicTest> tests) {
    String path = operation.path();
    Map<String, String[]> bodies =
        Map.of(
            "no fields", new String[] {FORM, ""},
            "an unknown field", new String[] {FORM, "username=admin&password=x&zz=1"},
            "a repeated field", new String[] {FORM, "username=admin&username=b&password=x"},
            "a JSON body", new String[] {"application/json", "{\"username\":\"admin\"}"},
            "no content type", new String[] {"", "username=admin&password=x"});
    bodies.forEach(
        (name, body) ->
            tests.add(
                test(
                    operation,
                    "form " + name,
                    () ->
                        verdicts.refused(
                            operation,
                            verdicts.send(operation, path, body[0], body[1], r -> {})))));
    tests.add(
        test(
            operation,
            "form oversized body",
            () -> verdicts.refused(operation, verdicts.oversized(operation, path, FORM))));
  }

  /**
   * The operation's path with every parameter at a valid value, or {@code name} at {@code value}.
   */
  private static String fill(String path, String name, String value) {
    String filled = name == null ? path : path.replace("{" + name + "}", value);
    return filled
        .replace("{id}", "1")
        .replace("{job_id}", "1")
        .replace("{robot_id}", "robot-1")
        .replace("{name}", "0001-open-login-page.png");
  }

  private static String type(JsonNode property) {
    if (property.has("$ref")) {
      return "object";
    }
    return property.path("type").asText("object");
  }

  private static String abbreviate(String value) {
    return value.length() > 24 ? value.substring(0, 24) + "…" : value;
  }

  private static JsonNode readJson(String body) {
    try {
      return server.json.readTree(body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static DynamicTest test(DescribedOperation operation, String name, Runnable check) {
    String title = operation + " " + name;
    return DynamicTest.dynamicTest(
        title,
        () -> {
          verdicts.baseline();
          try {
            check.run();
          } catch (AssertionError failure) {
            throw new AssertionError(title + ": " + failure.getMessage(), failure);
          }
        });
  }
}
