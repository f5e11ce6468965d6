package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@link Logging} on this JVM's Logback context, with {@code LOG_PATH} a file in a temporary
 * directory: the text and JSON formats, {@code LOG_LEVEL}, the MDC's job id and attempt, and
 * java.util.logging bridged. The context is configured from the real environment again after each
 * test, as {@link ServerLogging} did at start.
 */
class LoggingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  private static LoggerContext context() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }

  @AfterEach
  void restore() {
    MDC.clear();
    Logging.configure(context(), System.getenv());
  }

  @Test
  void json_lines_carry_timestamp_level_thread_logger_and_the_jobs_mdc() throws Exception {
    Path log = directory.resolve("rpa.log");
    Logging.configure(
        context(), Map.of("LOG_FORMAT", "json", "LOG_PATH", log.toString(), "LOG_LEVEL", "DEBUG"));

    var logger = LoggerFactory.getLogger("org.rpa.test.Json");
    logger.debug("before the job");
    MDC.put("job_id", "42");
    MDC.put("attempt", "2");
    logger.info("inside the job");
    java.util.logging.Logger.getLogger("org.openqa.selenium.Test").warning("from selenium");
    MDC.clear();
    logger.error("after the job", new IllegalStateException("broken"));

    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      lines.add(JSON.readTree(line)); // every line is one JSON object
    }
    assertThat(lines)
        .extracting(l -> l.path("message").asText())
        .containsExactly("before the job", "inside the job", "from selenium", "after the job");
    JsonNode inside = lines.get(1);
    assertThat(inside.path("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
    assertThat(inside.path("level").asText()).isEqualTo("INFO");
    assertThat(inside.path("thread_name").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(inside.path("logger_name").asText()).isEqualTo("org.rpa.test.Json");
    assertThat(inside.path("job_id").asText()).isEqualTo("42");
    assertThat(inside.path("attempt").asText()).isEqualTo("2");
    JsonNode selenium = lines.get(2);
    assertThat(selenium.path("level").asText()).isEqualTo("WARN");
    assertThat(selenium.path("logger_name").asText()).isEqualTo("org.openqa.selenium.Test");
    assertThat(selenium.path("job_id").asText()).isEqualTo("42");
    assertThat(lines.get(0).has("job_id")).isFalse();
    assertThat(lines.get(3).has("job_id")).isFalse();
    assertThat(lines.get(3).path("stack_trace").asText()).contains("IllegalStateException: broken");
  }

  @Test
  void text_lines_have_timestamp_level_thread_logger_and_honour_log_level() throws Exception {
    Path log = directory.resolve("rpa.log");
    Logging.configure(context(), Map.of("LOG_PATH", log.toString(), "LOG_LEVEL", "WARNING"));

    var logger = LoggerFactory.getLogger("org.rpa.test.Text");
    logger.info("dropped at WARNING");
    java.util.logging.Logger.getLogger("org.openqa.selenium.Test").info("dropped too");
    MDC.put("job_id", "7");
    MDC.put("attempt", "1");
    logger.warn("kept");
    MDC.clear();
    java.util.logging.Logger.getLogger("org.openqa.selenium.Test").severe("bridged");

    List<String> lines = Files.readAllLines(log);
    String thread = Thread.currentThread().getName();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .matches(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) WARN  \\["
                + java.util.regex.Pattern.quote(thread)
                + "\\] org\\.rpa\\.test\\.Text \\[(attempt=1, job_id=7|job_id=7, attempt=1)\\]"
                + " - kept");
    assertThat(lines.get(1)).contains(" ERROR [").endsWith("] org.openqa.selenium.Test - bridged");
  }

  @Test
  void appends_to_log_path_and_defaults_to_info() throws Exception {
    Path log = directory.resolve("rpa.log");
    Files.writeString(log, "an earlier line\n");
    Logging.configure(context(), Map.of("LOG_PATH", log.toString()));
    LoggerFactory.getLogger("org.rpa.test.Append").debug("not at INFO");
    LoggerFactory.getLogger("org.rpa.test.Append").info("appended");
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("an earlier line");
    assertThat(lines.get(1)).endsWith("org.rpa.test.Append - appended");
  }
}
