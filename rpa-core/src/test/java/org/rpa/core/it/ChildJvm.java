package org.rpa.core.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running one of this package's {@code main} classes on the test class path, whose
 * standard output the test reads line by line, and which the test kills with {@code kill -9}.
 */
final class ChildJvm implements AutoCloseable {
  // close() may throw InterruptedException: the tests that use it declare Exception anyway.
  private final Process process;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = new ArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    var reader = new Thread(this::pump, "child-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  static ChildJvm start(Class<?> main, Path log, String... args) throws IOException {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).redirectError(log.toFile());
    return new ChildJvm(builder.start());
  }

  private void pump() {
    try (var in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the process died: that is what the tests do to it
    }
  }

  /** The next line of output, or an error if none comes within {@code seconds}. */
  String nextLine(int seconds) throws InterruptedException {
    String line = lines.poll(seconds, TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError(
          "child printed nothing for " + seconds + " s (alive: " + process.isAlive() + ")");
    }
    all.add(line);
    return line;
  }

  /** Every line read so far. */
  List<String> lines() {
    return all;
  }

  /** {@code kill -9}: no shutdown hook, no finally block, no flush runs in the child. */
  void kill9() throws Exception {
    var kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -9 failed");
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("child survived kill -9");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
