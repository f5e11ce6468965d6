package org.rpa.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.rpa.server.security.ClientAddress;

/**
 * Raw configuration values from the environment and from a secrets directory with one file per key
 * (as Kubernetes and OpenShift mount secrets). An environment variable wins over a file of the same
 * name. Reading collects every problem, so that a bad start names them all at once.
 *
 * <p>Not thread-safe; used once, at start.
 */
final class Settings {
  private final Map<String, String> environment;
  private final Path secretsDirectory;
  private final List<String> problems = new ArrayList<>();

  Settings(Map<String, String> environment, Path secretsDirectory) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.secretsDirectory = secretsDirectory;
  }

  /** The trimmed value of {@code key}, if it is set and not blank. */
  Optional<String> value(String key) {
    String value = environment.get(key);
    if (value == null || value.isBlank()) {
      value = fromFile(key);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  String string(String key, String fallback) {
    return value(key).orElse(fallback);
  }

  int integer(String key, int fallback, int min, int max) {
    Optional<String> text = value(key);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.get());
      if (value < min || value > max) {
        problem(key + " must be between " + min + " and " + max + ", but was " + value);
        return fallback;
      }
      return value;
    } catch (NumberFormatException e) {
      problem(key + " must be a number, but was " + text.get());
      return fallback;
    }
  }

  boolean bool(String key, boolean fallback) {
    Optional<String> text = value(key);
    if (text.isEmpty()) {
      return fallback;
    }
    switch (text.get().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on":
        return true;
      case "false", "0", "no", "off":
        return false;
      default:
        problem(key + " must be true or false, but was " + text.get());
        return fallback;
    }
  }

  /** A comma-separated list or a JSON-style list ({@code ["a", "b"]}), as the seeds write them. */
  List<String> list(String key, List<String> fallback) {
    Optional<String> text = value(key);
    if (text.isEmpty()) {
      return fallback;
    }
    String inner = text.get();
    if (inner.startsWith("[") && inner.endsWith("]")) {
      inner = inner.substring(1, inner.length() - 1);
    }
    return Arrays.stream(inner.split(","))
        .map(item -> item.trim().replaceAll("^[\"']|[\"']$", "").trim())
        .filter(Predicate.not(String::isEmpty))
        .toList();
  }

  /** {@code TRUSTED_PROXIES}, read the same way by the orchestrator and the worker service. */
  ClientAddress trustedProxies() {
    try {
      return ClientAddress.trusting(list(ClientAddress.KEY, List.of()));
    } catch (IllegalArgumentException e) {
      problem(e.getMessage());
      return ClientAddress.NONE;
    }
  }

  void problem(String message) {
    problems.add(message);
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  private String fromFile(String key) {
    if (secretsDirectory == null) {
      return null;
    }
    Path file = secretsDirectory.resolve(key);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read secret file " + file, e);
    }
  }
}
