package org.rpa.server;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rpa.sandbox.SandboxPortals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox portals (rpa-sandbox) started in-process as demo portals, in {@code DEVELOPMENT_MODE}
 * only, for the providers without a configured portal URL: on 127.0.0.1 and a free port, with the
 * sandbox's demo accounts and Octotel TOTP secret. The only class of the server that refers to the
 * sandbox, so that outside development mode none of it is loaded.
 *
 * <p>Thread-safe.
 */
final class DemoPortals implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoPortals.class);

  private final SandboxPortals sandbox;
  private final List<String> providers;

  private DemoPortals(SandboxPortals sandbox, List<String> providers) {
    this.sandbox = sandbox;
    this.providers = List.copyOf(providers);
  }

  /**
   * Starts the sandbox on {@code clock} (its sessions and TOTP codes) and logs the URL of each of
   * {@code providers}' demo portals; never a password or the TOTP secret.
   */
  static DemoPortals start(List<String> providers, Clock clock) {
    LOG.info(
        "No portal URL configured for {}: starting local demo portals (the sandbox, with demo"
            + " accounts) for them",
        String.join(", ", providers));
    DemoPortals portals = new DemoPortals(SandboxPortals.start(clock), providers);
    portals
        .urls()
        .forEach(
            (provider, url) ->
                LOG.info(
                    "Demo portal {} at {}: its jobs run against it, not a real portal",
                    provider,
                    url));
    return portals;
  }

  /** The base URL of each demo portal, by provider. */
  Map<String, String> urls() {
    Map<String, String> urls = new LinkedHashMap<>();
    providers.forEach(provider -> urls.put(provider, sandbox.url(provider)));
    return urls;
  }

  /** The variables of the demo providers' flows: URLs, demo accounts, the TOTP secret. */
  Map<String, String> variables() {
    Map<String, String> variables = new LinkedHashMap<>();
    providers.forEach(provider -> variables.putAll(sandbox.variables(provider)));
    return variables;
  }

  @Override
  public void close() {
    sandbox.close();
    LOG.info("Demo portals stopped");
  }
}
