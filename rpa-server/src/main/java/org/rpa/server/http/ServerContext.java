package org.rpa.server.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.Objects;
import org.rpa.automation.BrowserAutomation;
import org.rpa.core.Orchestrator;
import org.rpa.server.ProviderPortals;
import org.rpa.server.ServerConfig;
import org.rpa.server.Timestamps;
import org.rpa.server.WorkerConfig;
import org.rpa.server.privacy.PrivacyRequests;
import org.rpa.server.privacy.SubjectData;
import org.rpa.server.security.AuditLog;
import org.rpa.server.security.AuthFilter;
import org.rpa.server.security.JwtTokens;
import org.rpa.server.security.Users;
import org.rpa.server.ws.LiveStreams;

/**
 * What the routes share: the orchestrator, the browser automations and where their portals are, the
 * data subject requests, the configuration (the server's and the remote workers'), the clock,
 * security parts, the metrics registry and the live streams.
 */
public record ServerContext(
    Orchestrator orchestrator,
    BrowserAutomation automation,
    ProviderPortals portals,
    PrivacyRequests privacy,
    ServerConfig config,
    Clock clock,
    Users users,
    JwtTokens tokens,
    AuditLog audit,
    WorkerConfig workers,
    ServerMeters meters,
    LiveStreams streams,
    String version,
    Drain drain) {
  public ServerContext {
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(automation, "automation");
    Objects.requireNonNull(portals, "portals");
    Objects.requireNonNull(privacy, "privacy");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(workers, "workers");
    Objects.requireNonNull(meters, "meters");
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(drain, "drain");
  }

  /**
   * The context of a started orchestrator and its automations: the JWT tokens from {@code config},
   * a fresh audit log, the privacy service over the orchestrator's store and the evidence, and the
   * live streams, which listen to the orchestrator from now on (close them with {@link
   * #streams()}).
   */
  public static ServerContext create(
      Orchestrator orchestrator,
      BrowserAutomation automation,
      ProviderPortals portals,
      ServerConfig config,
      WorkerConfig workers,
      Clock clock,
      Users users,
      ServerMeters meters,
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
    LiveStreams streams =
        new LiveStreams(orchestrator, new AuthFilter(tokens, users), config.streams(), clock);
    return new ServerContext(
        orchestrator,
        automation,
        portals,
        privacy,
        config,
        clock,
        users,
        tokens,
        audit,
        workers,
        meters,
        streams,
        version,
        new Drain());
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
