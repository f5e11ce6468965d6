package org.rpa.core.testing.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system over the real disk whose writes a test can make fail with "No space left on
 * device", per directory, as a full disk would: {@code jdbc:h2:fillable:/dir/db} once {@link
 * #register()} ran, then {@link #fill(Path)} and {@link #free(Path)}. Reads always work. It is the
 * in-process stand-in for {@link SmallDisk}: H2's MVStore sees the same {@link IOException} from
 * its file channel and closes the database the same way. Thread-safe.
 */
public final class FillableDisk extends FilePathWrapper {
  private static final Set<String> FULL = ConcurrentHashMap.newKeySet();
  private static final FillableDisk SCHEME = new FillableDisk();

  /** Makes {@code jdbc:h2:fillable:…} URLs known to H2 (once per JVM is enough). */
  public static void register() {
    FilePath.register(SCHEME);
  }

  /** An H2 URL for the database {@code name} in {@code directory} on this file system. */
  public static String url(Path directory, String name) {
    register();
    return "jdbc:h2:fillable:" + directory.toAbsolutePath().resolve(name);
  }

  /** Every write under {@code directory} fails from now on, until {@link #free}. */
  public static void fill(Path directory) {
    FULL.add(directory.toAbsolutePath().normalize().toString());
  }

  /** Space returns under {@code directory}. */
  public static void free(Path directory) {
    FULL.remove(directory.toAbsolutePath().normalize().toString());
  }

  @Override
  public String getScheme() {
    return "fillable";
  }

  @Override
  public FileChannel open(String mode) throws IOException {
    return new Refusing(getBase().open(mode), name.substring(getScheme().length() + 1));
  }

  private static boolean full(String file) {
    for (String directory : FULL) {
      if (file.startsWith(directory + "/")) {
        return true;
      }
    }
    return false;
  }

  /** A file channel that passes reads through and refuses writes while its directory is full. */
  private static final class Refusing extends FileBase {
    private final FileChannel channel;
    private final String file;

    Refusing(FileChannel channel, String file) {
      this.channel = channel;
      this.file = file;
    }

    private void check() throws IOException {
      if (full(file)) {
        throw new IOException("No space left on device");
      }
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
      check();
      return channel.write(source);
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
      check();
      return channel.write(source, position);
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
      return channel.read(target);
    }

    @Override
    public int read(ByteBuffer target, long position) throws IOException {
      return channel.read(target, position);
    }

    @Override
    public long position() throws IOException {
      return channel.position();
    }

    @Override
    public FileChannel position(long position) throws IOException {
      channel.position(position);
      return this;
    }

    @Override
    public long size() throws IOException {
      return channel.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      check();
      channel.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      channel.force(metaData);
    }

    @Override
    public synchronized FileLock tryLock(long position, long size, boolean shared)
        throws IOException {
      return channel.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      channel.close();
    }
  }
}
