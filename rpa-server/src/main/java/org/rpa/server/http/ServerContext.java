package org.rpa.server.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.Objects;
import org.rpa.automation.BrowserAutomation;
import org.rpa.core.Orchestrator;
import org.rpa.server.ServerConfig;
import org.rpa.server.Timestamps;
import org.rpa.server.WorkerConfig;
import org.rpa.server.privacy.PrivacyRequests;
import org.rpa.server.security.AuditLog;
import org.rpa.server.security.JwtTokens;
import org.rpa.server.security.Users;

/**
 * What the routes share: the orchestrator, the browser automations, the data subject requests, the
 * configuration (the server's and the remote workers'), the clock and security parts.
 */
public record ServerContext(
    Orchestrator orchestrator,
    BrowserAutomation automation,
    PrivacyRequests privacy,
    ServerConfig config,
    Clock clock,
    Users users,
    JwtTokens tokens,
    AuditLog audit,
    WorkerConfig workers,
    String version) {
  public ServerContext {
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(automation, "automation");
    Objects.requireNonNull(privacy, "privacy");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(workers, "workers");
    Objects.requireNonNull(version, "version");
  }

  /**
   * The client behind {@code ctx}, given {@code TRUSTED_PROXIES}; use it, never {@code ctx.ip()}.
   */
  String clientAddress(Context ctx) {
    return config.clientAddress().of(ctx);
  }

  String now() {
    return Timestamps.format(clock.instant());
  }
}
