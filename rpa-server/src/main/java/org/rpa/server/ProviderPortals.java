package org.rpa.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.rpa.automation.Secrets;
import org.rpa.automation.flows.ProviderFlows;

/**
 * Where the portal of each built-in provider is: {@linkplain Source#CONFIGURED configured} (its URL
 * variable, such as {@code METROFIBER_URL}, is set), a {@linkplain Source#DEMO demo portal} (in
 * {@code DEVELOPMENT_MODE}, a local sandbox portal the server started for a provider without a
 * configured URL), or {@linkplain Source#MISSING missing} (its jobs fail with {@code
 * ConfigurationError}). {@link #secrets()} is what the flows read: the configured secrets with a
 * demo portal's URL, account and TOTP secret in front.
 *
 * <p>Immutable and thread-safe; a configured or missing portal is looked up again on each call, so
 * that a secret file added later counts.
 */
public final class ProviderPortals {
  /** Where one provider's portal comes from. */
  public enum Source {
    CONFIGURED,
    DEMO,
    MISSING;

    /** The lower-case name the HTTP API shows. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Secrets configured;
  private final Map<String, String> demoUrls;
  private final Secrets secrets;

  /**
   * @param configured the secrets as configured (environment and {@code SECRETS_DIR})
   * @param demoUrls the base URL of each demo portal, by provider
   * @param demoVariables the demo portals' variables, which win over {@code configured}
   */
  ProviderPortals(
      Secrets configured, Map<String, String> demoUrls, Map<String, String> demoVariables) {
    this.configured = Objects.requireNonNull(configured, "configured");
    this.demoUrls = Collections.unmodifiableMap(new LinkedHashMap<>(demoUrls));
    this.secrets = demoVariables.isEmpty() ? configured : configured.with(demoVariables);
  }

  /** No demo portal: every provider is configured or missing. */
  static ProviderPortals configured(Secrets configured) {
    return new ProviderPortals(configured, Map.of(), Map.of());
  }

  /** The providers of {@code providers} whose URL variable is not configured. */
  static List<String> unconfigured(Secrets configured, List<String> providers) {
    return providers.stream()
        .filter(provider -> configured.find(ProviderFlows.urlVariable(provider)).isEmpty())
        .toList();
  }

  /** What the flows read. */
  public Secrets secrets() {
    return secrets;
  }

  /** Whether any provider runs against a demo portal. */
  public boolean demo() {
    return !demoUrls.isEmpty();
  }

  /** The base URL of each demo portal, by provider, in the order they were started. */
  public Map<String, String> demoUrls() {
    return demoUrls;
  }

  public Source source(String provider) {
    if (demoUrls.containsKey(provider)) {
      return Source.DEMO;
    }
    return configured.find(ProviderFlows.urlVariable(provider)).isPresent()
        ? Source.CONFIGURED
        : Source.MISSING;
  }

  /** The demo portal's base URL of {@code provider}, or empty when it has none. */
  public Optional<String> demoUrl(String provider) {
    return Optional.ofNullable(demoUrls.get(provider));
  }
}
