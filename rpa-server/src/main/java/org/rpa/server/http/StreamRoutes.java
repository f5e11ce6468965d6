package org.rpa.server.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rpa.server.Timestamps;
import org.rpa.server.security.AuthFilter;
import org.rpa.server.security.Credentials;
import org.rpa.server.security.Permission;
import org.rpa.server.ws.StreamHealth;
import org.rpa.server.ws.StreamTickets;

/**
 * The live streams' HTTP side: {@code POST /api/ws/ticket} (a single-use ticket that opens one
 * stream, for browsers, which cannot set a header on a WebSocket) and {@code GET
 * /api/system/health/websocket} (connections, messages sent and dropped, the oldest queued
 * message's age), public like the other health routes: it shows counts only.
 *
 * <p>Thread-safe.
 */
final class StreamRoutes {
  record TicketBody(String ticket, long expiresIn) {}

  record StreamHealthBody(
      Map<String, Integer> connections,
      long messagesSent,
      long messagesDropped,
      long oldestQueuedMs,
      long sessionsClosedSlow,
      int sessions,
      Map<String, Integer> streams,
      int ticketsOutstanding,
      String timestamp) {}

  private final ServerContext context;
  private final AuthFilter auth;

  StreamRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
    this.auth = new AuthFilter(context.tokens(), context.users());
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
                "/api/ws/ticket",
                "monitoring",
                "A single-use ticket, valid for "
                    + StreamTickets.LIFETIME.toSeconds()
                    + " s, that opens one live stream as /ws/...?ticket=<ticket>, so that no token"
                    + " is put in a URL",
                TicketBody.class,
                this::ticket)
            .post(200)
            .errors(503)
            .secured(Permission.MONITORING_READ),
        ApiRoute.route(
            "/api/system/health/websocket",
            "monitoring",
            "The live streams: connections per channel and per endpoint, messages sent and"
                + " dropped, the oldest queued message's age, connections closed as too slow",
            StreamHealthBody.class,
            this::health));
  }

  private void ticket(Context ctx) {
    Credentials credentials =
        auth.requireCredentials(ctx.header("Authorization"), Permission.MONITORING_READ);
    StreamTickets.Issued issued = context.streams().tickets().issue(credentials);
    Duration left = Duration.between(context.clock().instant(), issued.expiresAt());
    ctx.json(new TicketBody(issued.ticket(), Math.max(0, left.toSeconds())));
  }

  private void health(Context ctx) {
    StreamHealth health = context.streams().health();
    ctx.json(
        new StreamHealthBody(
            health.connections(),
            health.messagesSent(),
            health.messagesDropped(),
            health.oldestQueuedMs(),
            health.sessionsClosedSlow(),
            health.sessions(),
            health.streams(),
            health.ticketsOutstanding(),
            Timestamps.format(health.at())));
  }
}
