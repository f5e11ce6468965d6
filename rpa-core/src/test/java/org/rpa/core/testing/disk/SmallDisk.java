package org.rpa.core.testing.disk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small file system of its own: a tmpfs of a set size, mounted in a private mount namespace that
 * a holder process ({@code unshare --mount … exec cat}) keeps alive while its standard input, a
 * pipe from this JVM, stays open. Nothing is mounted where other processes look: this JVM and the
 * processes it starts reach the tmpfs through {@code /proc/<holder>/root/<dir>} ({@link #path()}),
 * and when the test ends, or dies, the pipe closes, the holder exits and the mount goes with it.
 *
 * <p>{@link #fill()} writes a filler file until the tmpfs answers ENOSPC; {@link #free()} deletes
 * it, which is "space returns". {@link #open} tries a plain private namespace (root with
 * CAP_SYS_ADMIN), then one inside a user namespace (a user who may create them), and fails with
 * both errors when neither mounts. Not thread-safe.
 */
public final class SmallDisk implements AutoCloseable {
  private static final String FILLER = ".filler";

  private final Process holder;
  private final OutputStream lifeline;
  private final Path path;
  private final String way;
  private final long bytes;
  private final boolean userNamespace;

  private SmallDisk(Process holder, Path path, String way, long bytes) {
    this.holder = holder;
    this.userNamespace = way.contains("--user");
    this.lifeline = holder.getOutputStream();
    this.path = path;
    this.way = way;
    this.bytes = bytes;
  }

  /**
   * Mounts a tmpfs of {@code megabytes} at {@code mountPoint} (an existing, empty directory) in a
   * private namespace.
   *
   * @throws IllegalStateException naming each way tried and why it failed, when none works
   */
  public static SmallDisk open(Path mountPoint, int megabytes) throws IOException {
    Files.createDirectories(mountPoint);
    String dir = mountPoint.toAbsolutePath().normalize().toString();
    String script =
        "mount -t tmpfs -o size="
            + megabytes
            + "m,mode=0777 tmpfs '"
            + dir
            + "' && echo mounted"
            + " && exec cat";
    List<List<String>> ways =
        List.of(
            List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", script),
            List.of(
                "unshare",
                "--user",
                "--map-root-user",
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                script));
    var failures = new ArrayList<String>();
    for (List<String> command : ways) {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      var output =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String first = output.readLine();
      if ("mounted".equals(first)) {
        Path inside =
            Path.of("/proc", Long.toString(process.pid()), "root").resolve(dir.substring(1));
        SmallDisk disk =
            new SmallDisk(
                process,
                inside,
                String.join(" ", command.subList(0, command.size() - 3)),
                megabytes * 1024L * 1024L);
        disk.check();
        return disk;
      }
      process.destroy();
      failures.add(String.join(" ", command.subList(0, command.size() - 1)) + ": " + first);
    }
    throw new IllegalStateException(
        "No size-limited file system could be mounted for this test (a tmpfs in a private mount"
            + " namespace needs CAP_SYS_ADMIN or user namespaces): "
            + String.join("; ", failures));
  }

  private void check() {
    try {
      small();
      Files.writeString(path.resolve(".probe"), "probe");
      Files.delete(path.resolve(".probe"));
    } catch (IOException | IllegalStateException e) {
      close();
      throw new IllegalStateException("the tmpfs mounted but " + path + " is not usable", e);
    }
  }

  /**
   * Refuses to go on unless {@link #path()} is the small tmpfs: a filler written anywhere else
   * would fill the machine's disk.
   */
  private void small() throws IOException {
    // The size is what tells: the store's type, read from this namespace's mount table, is the
    // type of whatever this namespace has mounted there.
    long total = Files.getFileStore(path).getTotalSpace();
    if (total > bytes) {
      throw new IllegalStateException(
          path + " holds " + total + " bytes, more than the tmpfs's " + bytes);
    }
  }

  /** Where this JVM and the processes it starts reach the tmpfs. */
  public Path path() {
    return path;
  }

  /**
   * The command prefix that runs a program inside the tmpfs's namespace ({@code nsenter -t <holder>
   * -m --}), where the mount point's own path reaches the tmpfs. For a program that resolves real
   * paths, such as H2 ({@code /proc/<pid>/root} resolves to this namespace's root): nsenter execs
   * the program, so its process id is the program's.
   */
  public List<String> enter() {
    var command = new ArrayList<>(List.of("nsenter", "-t", Long.toString(holder.pid())));
    if (userNamespace) {
      command.addAll(List.of("-U", "--preserve-credentials"));
    }
    command.addAll(List.of("-m", "--"));
    return List.copyOf(command);
  }

  /** How it was mounted, to print: {@code unshare --mount --propagation private}. */
  public String way() {
    return way + " + tmpfs of " + bytes / (1024 * 1024) + " MB";
  }

  /** Bytes free now. */
  public long usableBytes() throws IOException {
    return Files.getFileStore(path).getUsableSpace();
  }

  /** Writes the filler until the tmpfs refuses a byte more; returns the filler's size. */
  public long fill() throws IOException {
    small();
    ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
    long written = 0;
    try (FileChannel filler =
        FileChannel.open(
            path.resolve(FILLER),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      while (true) {
        chunk.clear();
        try {
          written += filler.write(chunk);
        } catch (IOException full) {
          if (chunk.capacity() == 1) {
            break;
          }
          // Down to single bytes: a page the tmpfs still holds is a page the product may use.
          chunk = ByteBuffer.allocate(Math.max(1, chunk.capacity() / 16));
        }
      }
    }
    return Files.size(path.resolve(FILLER));
  }

  /**
   * Fills the tmpfs, then gives {@code bytes} back: a write larger than that starts, and fails half
   * way.
   */
  public long fillLeaving(long bytes) throws IOException {
    long size = fill();
    try (FileChannel filler = FileChannel.open(path.resolve(FILLER), StandardOpenOption.WRITE)) {
      filler.truncate(Math.max(0, size - bytes));
    }
    return Files.size(path.resolve(FILLER));
  }

  /** Deletes the filler: space returns. */
  public void free() throws IOException {
    Files.deleteIfExists(path.resolve(FILLER));
  }

  @Override
  public void close() {
    try {
      lifeline.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        if (!holder.waitFor(10, TimeUnit.SECONDS)) {
          holder.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
