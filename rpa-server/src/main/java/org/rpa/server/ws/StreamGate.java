package org.rpa.server.ws;

import io.javalin.http.Context;
import java.util.Locale;
import org.rpa.server.security.AuthFilter;
import org.rpa.server.security.Credentials;
import org.rpa.server.security.Permission;

/**
 * Who may open a stream: a client whose role has {@code monitoring:read} (a viewer may listen),
 * shown by a bearer token in the {@code Authorization} header, by a token in {@code
 * Sec-WebSocket-Protocol} ({@code bearer, <token>}: the server selects {@code bearer}), or by a
 * ticket ({@code ?ticket=}, from {@code POST /api/ws/ticket}). A token never travels in the URL:
 * the only query parameter a stream takes is {@code ticket}.
 *
 * <p>Thread-safe.
 */
final class StreamGate {
  static final String PERMISSION = Permission.MONITORING_READ;
  static final String SUBPROTOCOL = "bearer";

  private final AuthFilter auth;
  private final StreamTickets tickets;

  StreamGate(AuthFilter auth, StreamTickets tickets) {
    this.auth = auth;
    this.tickets = tickets;
  }

  /**
   * The credentials an upgrade request shows.
   *
   * @throws StreamRefusedException (400) for a query parameter other than {@code ticket}
   * @throws AuthFilter.NotAuthenticatedException (401) without a valid token or ticket
   * @throws AuthFilter.PermissionDeniedException (403) for a role without {@code monitoring:read}
   */
  Credentials admit(Context ctx) {
    for (String name : ctx.queryParamMap().keySet()) {
      if (!name.equals("ticket")) {
        throw new StreamRefusedException(
            400,
            "Unknown query parameter '"
                + name
                + "': a stream takes only a ticket; send a token in the Authorization or the"
                + " Sec-WebSocket-Protocol header");
      }
    }
    String ticket = ctx.queryParam("ticket");
    if (ticket != null) {
      Credentials credentials =
          tickets
              .redeem(ticket)
              .filter(found -> auth.current(found.principal()))
              .orElseThrow(AuthFilter.NotAuthenticatedException::new);
      if (!credentials.principal().role().allows(PERMISSION)) {
        throw new AuthFilter.PermissionDeniedException(PERMISSION);
      }
      return credentials;
    }
    String authorization = ctx.header("Authorization");
    if (authorization == null) {
      authorization = fromSubprotocols(ctx.header("Sec-WebSocket-Protocol"));
    }
    return auth.requireCredentials(authorization, PERMISSION);
  }

  /** {@code Bearer <token>} from {@code bearer, <token>}; null otherwise. */
  static String fromSubprotocols(String header) {
    if (header == null) {
      return null;
    }
    String[] protocols = header.split(",");
    if (protocols.length < 2 || !protocols[0].trim().toLowerCase(Locale.ROOT).equals(SUBPROTOCOL)) {
      return null;
    }
    return "Bearer " + protocols[1].trim();
  }
}
