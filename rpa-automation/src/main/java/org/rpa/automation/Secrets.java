package org.rpa.automation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where flows read their configuration (the documented names: {@code METROFIBER_URL}, {@code
 * OCTOTEL_TOTP_SECRET}, …): a secrets directory with one file per variable (as Kubernetes mounts
 * secrets), then the environment. Never from code; {@link #with} puts values of the host's own in
 * front, such as the addresses and demo accounts of local sandbox portals. Thread-safe.
 */
public final class Secrets {
  private final Map<String, String> values;
  private final Path directory;
  private final Map<String, String> environment;

  private Secrets(Map<String, String> values, Path directory, Map<String, String> environment) {
    this.values = values;
    this.directory = directory;
    this.environment = environment;
  }

  /** The process environment only. */
  public static Secrets fromEnvironment() {
    return new Secrets(Map.of(), null, System.getenv());
  }

  /** Files in {@code directory} first, then the process environment. */
  public static Secrets fromDirectory(Path directory) {
    return new Secrets(Map.of(), Objects.requireNonNull(directory, "directory"), System.getenv());
  }

  /**
   * These secrets with {@code values} in front: a name in {@code values} is answered from it, any
   * other as before. This object is not changed.
   */
  public Secrets with(Map<String, String> values) {
    Map<String, String> merged = new HashMap<>(this.values);
    merged.putAll(values);
    return new Secrets(Map.copyOf(merged), directory, environment);
  }

  public Optional<String> find(String name) {
    String value = values.get(name);
    if (value != null) {
      return Optional.of(value);
    }
    if (directory != null) {
      Path file = directory.resolve(name);
      if (name.matches("[A-Z][A-Z0-9_]*") && Files.isRegularFile(file)) {
        try {
          return Optional.of(Files.readString(file).trim());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return Optional.ofNullable(environment.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  /** The value, or a {@link FlowFailure} ({@code ConfigurationError}) naming what is missing. */
  public String require(String name) {
    return find(name)
        .orElseThrow(() -> FlowFailure.business("ConfigurationError", name + " is not configured"));
  }
}
