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
import org.rpa.server.privacy.SubjectData;
import org.rpa.server.security.AuditLog;
import org.rpa.server.security.AuthFilter;
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
   * The context of a started orchestrator and its automations: the JWT tokens from {@code config},
   * a fresh audit log, and the privacy service over the orchestrator's store and the evidence.
   */
  public static ServerContext create(
      Orchestrator orchestrator,
      BrowserAutomation automation,
      ServerConfig config,
      WorkerConfig workers,
      Clock clock,
      Users users,
      String version) {
    JwtTokens tokens =
        new JwtTokens(
            config.jwtAlgorithm(),
            config.jwtSecret(),
            config.jwtIssuer(),
            config.jwtExpiration(),
            clock);
    AuditLog audit = new AuditLog();
    PrivacyRequests privacy =
        new PrivacyRequests(
            new SubjectData(orchestrator.privacy(), automation.evidence(), clock),
            orchestrator.jobs(),
            automation.evidence(),
            audit,
            new AuthFilter(tokens, users),
            clock);
    return new ServerContext(
        orchestrator, automation, privacy, config, clock, users, tokens, audit, workers, version);
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
