package org.rpa.automation.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.rpa.core.job.JobId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screenshot evidence, one folder per job under a root directory: {@code <root>/<job id>/}. Folder
 * and file names are made here (the job id is a number, file names are sanitised and numbered);
 * nothing from user input becomes a path, and {@link #open} only serves names that {@link #list}
 * returns. The time of each screenshot is the injected clock's, kept as the file's modification
 * time, which is what retention reads. Thread-safe.
 */
public final class Evidence {
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
  public static final String PNG = "image/png";
  private static final String SUBJECT_FILE = "subject.sha256";
  private static final String PART = ".part";
  private static final Pattern NAME = Pattern.compile("^[0-9]{4}-([a-z0-9-]{1,60})\\.png$");
  private static final Logger log = LoggerFactory.getLogger(Evidence.class);

  private final Path root;
  private final Clock clock;
  private final Duration retention;

  public Evidence(Path root, Clock clock, Duration retention) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    this.clock = Objects.requireNonNull(clock, "clock");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive, but was " + retention);
    }
    this.retention = retention;
  }

  public Path root() {
    return root;
  }

  /**
   * Stores a PNG for {@code job}, named after {@code step}; returns its record. The file is written
   * under a name {@link #list} does not show and renamed once whole, so a write that fails half way
   * (a full disk) leaves no screenshot behind, only the error.
   *
   * @throws EvidenceException naming the screenshot, the job, the directory and the cause
   */
  public Screenshot save(JobId job, String step, byte[] png) {
    Path folder = folder(job);
    String name = String.format(Locale.ROOT, "%04d-%s.png", list(job).size() + 1, sanitise(step));
    Instant now = clock.instant();
    Path part = folder.resolve("." + name + PART);
    try {
      Files.createDirectories(folder);
      Files.write(part, png);
      Files.setLastModifiedTime(part, FileTime.from(now));
      Files.move(part, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      return new Screenshot(name, png.length, now, PNG);
    } catch (IOException e) {
      deleteQuietly(part);
      throw new EvidenceException(
          "Cannot store screenshot " + name + " of job " + job + " in " + root + ": " + reason(e),
          e);
    }
  }

  private static String reason(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException stillThere) {
      log.warn("Cannot delete the partial screenshot {}: {}", file, reason(stillThere));
    }
  }

  /**
   * Notes the data subject of a job (a circuit number, an account), as a digest, so a POPIA request
   * can find its evidence without the folder holding the identifier in clear.
   */
  public void subject(JobId job, String subject) {
    try {
      Files.createDirectories(folder(job));
      Files.writeString(folder(job).resolve(SUBJECT_FILE), digest(subject));
    } catch (IOException e) {
      throw new EvidenceException(
          "Cannot note the subject of job " + job + " in " + root + ": " + reason(e), e);
    }
  }

  /** The job's screenshots, oldest first; empty if it has none. */
  public List<Screenshot> list(JobId job) {
    Path folder = folder(job);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      List<Screenshot> shots = new ArrayList<>();
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(".png")) {
          shots.add(
              new Screenshot(
                  name, Files.size(file), Files.getLastModifiedTime(file).toInstant(), PNG));
        }
      }
      shots.sort(Comparator.comparing(Screenshot::name));
      return List.copyOf(shots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens one of the job's screenshots by a name {@link #list} returned; empty if unknown. */
  public Optional<InputStream> open(JobId job, String name) {
    Objects.requireNonNull(name, "name");
    for (Screenshot shot : list(job)) {
      if (shot.name().equals(name)) {
        try {
          return Optional.of(Files.newInputStream(folder(job).resolve(shot.name())));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return Optional.empty();
  }

  /** Deletes screenshots older than the retention period, and folders left empty. */
  public int runRetention() {
    Instant cutoff = clock.instant().minus(retention);
    int deleted = 0;
    for (Path folder : jobFolders()) {
      for (Screenshot shot : list(JobId.of(Long.parseLong(folder.getFileName().toString())))) {
        if (shot.takenAt().isBefore(cutoff)) {
          deleted += delete(folder.resolve(shot.name())) ? 1 : 0;
        }
      }
      deleteIfOnlySubjectLeft(folder);
    }
    if (deleted > 0) {
      log.info("Evidence retention: deleted {} screenshot(s) taken before {}", deleted, cutoff);
    }
    return deleted;
  }

  /** Deletes all evidence of one job. Returns the number of screenshots deleted. */
  public int deleteJob(JobId job) {
    Path folder = folder(job);
    int deleted = list(job).size();
    deleteTree(folder);
    return deleted;
  }

  /** A POPIA deletion request: deletes the evidence of every job about {@code subject}. */
  public int deleteSubject(String subject) {
    String digest = digest(subject);
    int deleted = 0;
    for (Path folder : jobFolders()) {
      Path marker = folder.resolve(SUBJECT_FILE);
      try {
        if (Files.exists(marker) && Files.readString(marker).equals(digest)) {
          deleted += deleteJob(JobId.of(Long.parseLong(folder.getFileName().toString())));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return deleted;
  }

  private Path folder(JobId job) {
    return root.resolve(Long.toString(Objects.requireNonNull(job, "job").value()));
  }

  private List<Path> jobFolders() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> folders = Files.list(root)) {
      return folders
          .filter(Files::isDirectory)
          .filter(path -> path.getFileName().toString().matches("[1-9][0-9]{0,18}"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void deleteIfOnlySubjectLeft(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      if (files.allMatch(file -> file.getFileName().toString().equals(SUBJECT_FILE))) {
        deleteTree(folder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path folder) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> files = Files.list(folder)) {
      files.forEach(Evidence::delete);
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean delete(Path file) {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * True if {@code name} is a screenshot's name as {@link #save} makes it from a step that named
   * {@code subject} whole: {@code 0003-service-mfn-100015.png} is named after {@code MFN-100015},
   * not after {@code MFN-1000}. A privacy erasure uses it on the jobs about the subject, whose
   * recorded steps spell the subject in their screenshots' names.
   */
  public static boolean namedAfter(String name, String subject) {
    Matcher parts = NAME.matcher(Objects.requireNonNull(name, "name"));
    String spelled = sanitise(Objects.requireNonNull(subject, "subject"));
    return parts.matches()
        && !spelled.equals("step")
        && ("-" + parts.group(1) + "-").contains("-" + spelled + "-");
  }

  static String sanitise(String step) {
    String clean = step.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    clean = clean.replaceAll("^-+|-+$", "");
    if (clean.isEmpty()) {
      clean = "step";
    }
    return clean.length() > 60 ? clean.substring(0, 60) : clean;
  }

  private static String digest(String subject) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(subject.trim().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
