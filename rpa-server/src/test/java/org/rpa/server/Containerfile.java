package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's {@code Containerfile}, parsed: continuations joined, comments dropped. */
final class Containerfile {
  private static final Pattern INSTRUCTION = Pattern.compile("^([A-Z]+)\\s+(.*)$");

  private Containerfile() {}

  /** Instructions in order: [keyword, arguments], continuations joined, comments dropped. */
  static List<String[]> instructions() throws IOException {
    List<String[]> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : Files.readAllLines(DeploymentFilesTest.ROOT.resolve("Containerfile"))) {
      String line = raw.strip();
      if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      Matcher m = INSTRUCTION.matcher(current.toString().strip());
      assertThat(m.matches()).as("an instruction: %s", current).isTrue();
      instructions.add(new String[] {m.group(1), m.group(2).replaceAll("\\s+", " ")});
      current.setLength(0);
    }
    return instructions;
  }

  static List<String> arguments(List<String[]> instructions, String keyword) {
    return instructions.stream().filter(i -> i[0].equals(keyword)).map(i -> i[1]).toList();
  }

  /** {@code ENV A=1 B=2} instructions as one map. */
  static Map<String, String> environment(List<String[]> instructions) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String args : arguments(instructions, "ENV")) {
      for (String pair : args.split(" ")) {
        int eq = pair.indexOf('=');
        env.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return env;
  }
}
