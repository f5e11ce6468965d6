package org.rpa.core.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Measures a process and its descendants from {@code /proc} and {@link ProcessHandle}: see {@link
 * ResourceSampler#thisProcess()}. A process that ends while it is being measured is left out.
 */
final class ProcResourceSampler implements ResourceSampler {
  private final ProcessHandle root;
  private final Path proc;

  ProcResourceSampler(ProcessHandle root, Path proc) {
    this.root = root;
    this.proc = proc;
  }

  @Override
  public Usage read() {
    boolean hasProc = Files.isDirectory(proc.resolve(Long.toString(root.pid())));
    List<ProcessHandle> measured =
        Stream.concat(Stream.of(root), root.descendants()).filter(ProcessHandle::isAlive).toList();
    Duration cpu = Duration.ZERO;
    long memory = 0;
    for (ProcessHandle process : measured) {
      cpu = cpu.plus(process.info().totalCpuDuration().orElse(Duration.ZERO));
      memory += residentBytes(process.pid()).orElse(0);
    }
    if (!hasProc) {
      memory = Runtime.getRuntime().totalMemory();
    }
    return new Usage(cpu, memory, measured.size());
  }

  /** {@code VmRSS} of {@code /proc/<pid>/status}; empty when the process is gone or a zombie. */
  private OptionalLong residentBytes(long pid) {
    try (Stream<String> lines = Files.lines(proc.resolve(pid + "/status"))) {
      return lines
          .filter(line -> line.startsWith("VmRSS:"))
          .mapToLong(ProcResourceSampler::kilobytes)
          .map(kilobytes -> kilobytes * 1024)
          .findFirst();
    } catch (IOException | java.io.UncheckedIOException gone) {
      return OptionalLong.empty();
    }
  }

  /** The number of {@code VmRSS: 123456 kB}. */
  private static long kilobytes(String line) {
    String digits = line.substring("VmRSS:".length()).replace("kB", "").trim();
    return Long.parseLong(digits);
  }
}
