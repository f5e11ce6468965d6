package org.rpa.server.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.Objects;
import org.rpa.automation.BrowserAutomation;
import org.rpa.core.Orchestrator;
import org.rpa.server.ServerConfig;
import org.rpa.server.privacy.SubjectData;
import org.rpa.server.security.AuditLog;
import org.rpa.server.security.JwtTokens;
import org.rpa.server.security.Users;

/**
 * What the routes share: the orchestrator, the browser automations, the data subject index, the
 * configuration, the clock and security parts.
 */
public record ServerContext(
    Orchestrator orchestrator,
    BrowserAutomation automation,
    SubjectData subjects,
    ServerConfig config,
    Clock clock,
    Users users,
    JwtTokens tokens,
    AuditLog audit,
    String version) {
  public ServerContext {
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(automation, "automation");
    Objects.requireNonNull(subjects, "subjects");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(version, "version");
  }

  /**
   * The client behind {@code ctx}, given {@code TRUSTED_PROXIES}; use it, never {@code ctx.ip()}.
   */
  String clientAddress(Context ctx) {
    return config.clientAddress().of(ctx);
  }

  String now() {
    return HealthRoutes.TIMESTAMP.format(clock.instant());
  }
}
