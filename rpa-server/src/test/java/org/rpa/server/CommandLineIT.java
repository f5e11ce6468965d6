package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as a user runs it: {@code --help} and {@code --version} print and exit 0 without
 * starting anything, an unknown argument prints the usage and exits 2, and each start-up failure (a
 * bad value, the database unreachable, the port taken) is one line that says why and a non-zero
 * exit, without a stack trace. With {@code LOG_FORMAT=json} every line the server writes is a JSON
 * object, and the lines of a job carry its id and attempt.
 */
class CommandLineIT {
  private static final Duration EXIT_DEADLINE = Duration.ofSeconds(60);
  private static final Map<String, String> PRODUCTION =
      Map.of(
          "HOST", "127.0.0.1",
          "JWT_SECRET", "it-secret-0123456789abcdef0123456789abcdef",
          "ADMIN_PASSWORD", "it-admin-password");

  @TempDir Path directory;

  /** What a finished run of the jar printed and returned. */
  record Run(int status, String out, String err) {}

  private Run jar(Map<String, String> environment, String... args) throws Exception {
    Path jar = Path.of(System.getProperty("rpa.server.jar", "target/rpa-server.jar"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.addAll(List.of(args));
    Path out = directory.resolve("out.txt");
    Path err = directory.resolve("err.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().keySet().removeIf(key -> !key.equals("PATH") && !key.equals("HOME"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(EXIT_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          "rpa-server " + String.join(" ", args) + " did not exit\n" + Files.readString(err));
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private void assertNothingStarted() {
    assertThat(directory.resolve("data")).as("a database was created").doesNotExist();
  }

  @Test
  void help_prints_the_usage_and_exits_0_without_starting() throws Exception {
    for (String[] args :
        List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {"worker", "--help"})) {
      Run run = jar(Map.of("PORT", "1"), args);
      assertThat(run.status()).as(run.toString()).isZero();
      assertThat(run.out())
          .startsWith("Usage: java -jar rpa-server.jar [worker]")
          .contains("--version", "SECRETS_DIR", "LOG_FORMAT", "docs/configuration.md");
      assertThat(run.err()).isEmpty();
    }
    assertNothingStarted();
  }

  @Test
  void version_prints_the_build_version_and_exits_0() throws Exception {
    Run run = jar(Map.of(), "--version");
    assertThat(run.status()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo("rpa-server " + RpaServer.version() + "\n");
    assertThat(RpaServer.version()).isNotEqualTo("unknown");
    assertThat(run.err()).isEmpty();
    assertNothingStarted();
  }

  @Test
  void an_unknown_argument_prints_the_usage_and_exits_2() throws Exception {
    for (String[] args : List.of(new String[] {"--port=9000"}, new String[] {"worker", "now"})) {
      Run run = jar(Map.of(), args);
      assertThat(run.status()).as(run.toString()).isEqualTo(2);
      assertThat(run.err())
          .startsWith("rpa-server: unknown argument '" + args[args.length - 1] + "'\n")
          .contains("Usage: java -jar rpa-server.jar [worker]");
      assertThat(run.out()).isEmpty();
    }
    assertNothingStarted();
  }

  @Test
  void a_bad_configuration_value_is_named_and_exits_2() throws Exception {
    Run run = jar(Map.of("HOST", "127.0.0.1", "PORT", "0", "LOG_FORMAT", "xml"));
    assertThat(run.status()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("rpa-server cannot start. Invalid configuration:")
        .contains("LOG_FORMAT must be text or json, but was xml")
        .contains("JWT_SECRET")
        .doesNotContain("\tat ");
    assertNothingStarted();
  }

  @Test
  void an_unreachable_database_is_one_line_without_its_password_and_exits_1() throws Exception {
    int closed = ServerProcess.freePort();
    Map<String, String> environment = new java.util.HashMap<>(PRODUCTION);
    environment.put("PORT", "0");
    environment.put("DATABASE_URL", "postgresql://rpa:db-password-1@127.0.0.1:" + closed + "/rpa");
    Run run = jar(environment);
    assertThat(run.status()).as(run.toString()).isEqualTo(1);
    List<String> failures = run.err().lines().filter(l -> l.contains("cannot start")).toList();
    assertThat(failures)
        .containsExactly(
            "rpa-server cannot start: cannot open the database postgresql://rpa:***@127.0.0.1:"
                + closed
                + "/rpa: ConnectException: Connection refused");
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("db-password-1");
  }

  @Test
  void a_port_in_use_is_one_line_and_exits_1() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Map<String, String> environment = new java.util.HashMap<>(PRODUCTION);
      environment.put("PORT", String.valueOf(taken.getLocalPort()));
      Run run = jar(environment);
      assertThat(run.status()).as(run.toString()).isEqualTo(1);
      List<String> failures = run.err().lines().filter(l -> l.contains("cannot start")).toList();
      assertThat(failures)
          .containsExactly(
              "rpa-server cannot start: cannot listen on 127.0.0.1:"
                  + taken.getLocalPort()
                  + " (BindException: Address already in use): is another process using the"
                  + " port?");
      assertThat(run.err()).doesNotContain("\tat ");
    }
  }

  @Test
  void a_worker_whose_port_is_in_use_exits_1_with_one_line() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Run run =
          jar(
              Map.of(
                  "WORKER_HOST", "127.0.0.1",
                  "WORKER_PORT", String.valueOf(taken.getLocalPort()),
                  "WORKER_AUTH_TOKEN", "it-worker-token-0123456789",
                  "SELENIUM_CHECK", "false"),
              "worker");
      assertThat(run.status()).as(run.toString()).isEqualTo(1);
      assertThat(run.err().lines().filter(l -> l.contains("cannot start")).toList())
          .singleElement()
          .asString()
          .isEqualTo(
              "rpa-server worker cannot start: cannot listen on its port (BindException: Address"
                  + " already in use): is another process using the port?");
      assertThat(run.err()).doesNotContain("\tat ");
    }
  }

  @Test
  void json_logs_are_one_object_a_line_and_a_jobs_lines_carry_its_id_and_attempt()
      throws Exception {
    Map<String, String> environment = new java.util.HashMap<>(PRODUCTION);
    environment.put("LOG_FORMAT", "json");
    long id;
    try (ServerProcess server =
        ServerProcess.start(directory, ServerProcess.freePort(), environment, List.of())) {
      server.awaitHealthy();
      server.login("admin", "it-admin-password");
      id = server.submit("mfn", "validation", "MFN-100001");
      server.await(
          "the job final",
          Duration.ofSeconds(60),
          () -> server.getJson("/jobs/" + id).path("status").asText(),
          status -> Set.of("COMPLETED", "FAILED").contains(status));
    }
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(directory.resolve("server.log"))) {
      try {
        lines.add(json.readTree(line));
      } catch (IOException e) {
        throw new AssertionError("not a JSON line: " + line, e);
      }
    }
    assertThat(lines).allSatisfy(l -> assertThat(l.has("@timestamp") && l.has("level")).isTrue());
    assertThat(lines)
        .anySatisfy(l -> assertThat(l.path("message").asText()).startsWith("rpa-server listening"));
    assertThat(lines)
        .as("the job's lines")
        .filteredOn(l -> l.path("job_id").asText().equals(Long.toString(id)))
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l.path("attempt").asText()).isEqualTo("1"))
        .anySatisfy(
            l ->
                assertThat(l.path("message").asText())
                    .isEqualTo(
                        "mfn validation failed: ConfigurationError: METROFIBER_URL is not"
                            + " configured"));
    assertThat(lines)
        .anySatisfy(l -> assertThat(l.path("message").asText()).startsWith("rpa-server stopping"));
  }
}
