package org.rpa.server.ws;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.rpa.core.Orchestrator;
import org.rpa.core.event.ExecutorHeartbeat;
import org.rpa.core.event.ExecutorOffline;
import org.rpa.core.event.RpaEvent;
import org.rpa.core.event.Subscription;
import org.rpa.server.security.AuthFilter;
import org.rpa.server.security.Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live streams: the orchestrator's events, and those other instances share ({@link
 * Orchestrator#peerEvents()}), carried to every connection that takes them. The event bus calls
 * {@link #publish} on the engine's threads, so it only offers each message to each connection's
 * bounded queue; {@link StreamSender}'s thread sends, and a housekeeping thread ({@code
 * rpa-ws-housekeeping-1}, every second) closes connections that are too slow or whose credentials
 * ended, purges expired tickets and watches the fleet for executors that went offline unannounced.
 *
 * <p>Thread-safe.
 */
public final class LiveStreams implements AutoCloseable {
  /** How often the housekeeping thread looks at every connection. */
  static final Duration HOUSEKEEPING = Duration.ofSeconds(1);

  /** The largest message a client may send, in bytes. */
  static final int MAX_CLIENT_MESSAGE = 4_096;

  private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);
  private static final String CREDENTIALS = "rpa.stream.credentials";

  private final Clock clock;
  private final StreamLimits limits;
  private final StreamTickets tickets;
  private final StreamGate gate;
  private final AuthFilter auth;
  private final FleetWatch fleet;
  private final Map<String, StreamSession> sessions = new ConcurrentHashMap<>();
  private final StreamSender sender = new StreamSender(this::failed);
  private final LongAdder dropped = new LongAdder();
  private final LongAdder closedSlow = new LongAdder();
  private final LongAdder opened = new LongAdder();
  private final List<Subscription> subscriptions;
  private final ScheduledExecutorService housekeeping;

  /**
   * Starts listening to {@code orchestrator}'s events and its peers'.
   *
   * @param auth checks the tokens of upgrades and of ticket requests, and, while a connection is
   *     open, that its user still has the role its token named
   */
  public LiveStreams(Orchestrator orchestrator, AuthFilter auth, StreamLimits limits, Clock clock) {
    Objects.requireNonNull(orchestrator, "orchestrator");
    this.auth = Objects.requireNonNull(auth, "auth");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tickets = new StreamTickets(clock);
    this.gate = new StreamGate(auth, tickets);
    this.fleet = new FleetWatch(() -> orchestrator.fleet().executors(), clock);
    this.subscriptions =
        List.of(
            orchestrator.events().subscribe(this::publish),
            orchestrator.peerEvents().subscribe(this::publish));
    this.housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "rpa-ws-housekeeping-1");
              thread.setDaemon(true);
              return thread;
            });
    housekeeping.scheduleWithFixedDelay(
        this::housekeepSafely,
        HOUSEKEEPING.toMillis(),
        HOUSEKEEPING.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The tickets browsers open streams with. */
  public StreamTickets tickets() {
    return tickets;
  }

  /** Adds the four endpoints, each behind its upgrade check, to {@code routes}. */
  public void register(RoutesConfig routes) {
    for (Stream stream : Stream.values()) {
      routes.wsBeforeUpgrade(stream.path(), this::authorize);
      routes.ws(stream.path(), ws -> configure(ws, stream));
    }
  }

  /**
   * Offers {@code event} to every connection that takes it; never blocks. Called on the engine's
   * threads by the event bus.
   */
  public void publish(RpaEvent event) {
    if (event instanceof ExecutorHeartbeat || event instanceof ExecutorOffline) {
      fleet.seen(event);
    }
    if (sessions.isEmpty()) {
      return;
    }
    Outgoing message = Outgoing.of(event);
    Instant now = clock.instant();
    for (StreamSession session : sessions.values()) {
      if (session.wants(message)) {
        enqueue(session, message, now);
      }
    }
  }

  private void enqueue(StreamSession session, Outgoing message, Instant now) {
    if (session.offer(message, now)) {
      sender.schedule(session);
    } else {
      dropped.increment();
    }
  }

  private void authorize(Context ctx) {
    try {
      if (sessions.size() >= limits.maxConnections()) {
        throw new StreamRefusedException(
            503, "Too many stream connections (" + limits.maxConnections() + "); try again later");
      }
      ctx.attribute(CREDENTIALS, gate.admit(ctx));
    } finally {
      // Javalin opens an HTTP session for every upgrade; the streams keep nothing in it.
      HttpSession http = ctx.req().getSession(false);
      if (http != null) {
        http.invalidate();
      }
    }
  }

  private void configure(WsConfig ws, Stream stream) {
    ws.onConnect(ctx -> connect(ctx, stream));
    ws.onMessage(ctx -> StreamRequests.handle(sessions.get(ctx.sessionId()), ctx.message(), this));
    ws.onClose(ctx -> disconnect(ctx));
    ws.onError(ctx -> disconnect(ctx));
  }

  private void connect(WsContext ctx, Stream stream) {
    Credentials credentials = ctx.attribute(CREDENTIALS);
    ctx.session.setMaxTextMessageSize(MAX_CLIENT_MESSAGE);
    ctx.session.setIdleTimeout(Duration.ofMinutes(2));
    ctx.enableAutomaticPings(30, TimeUnit.SECONDS);
    sessions.put(ctx.sessionId(), new StreamSession(ctx, stream, credentials, limits.queueSize()));
    opened.increment();
  }

  /**
   * Connections registered since the start: a client whose upgrade has completed may be sent events
   * only once this has counted it, a moment after the handshake's answer left.
   */
  long opened() {
    return opened.sum();
  }

  private void disconnect(WsContext ctx) {
    StreamSession session = sessions.remove(ctx.sessionId());
    if (session != null) {
      session.closed();
    }
  }

  /** Sends {@code text} to one connection, as a reply to what it sent. */
  void reply(StreamSession session, String text) {
    enqueue(session, Outgoing.reply(text), clock.instant());
  }

  private void failed(StreamSession session, Throwable error) {
    if (sessions.remove(session.id()) != null) {
      log.debug("Stream connection {} failed", session.id(), error);
    }
    session.closed();
  }

  private void housekeepSafely() {
    try {
      housekeep();
    } catch (RuntimeException e) {
      log.warn("Stream housekeeping failed; trying again in {}", HOUSEKEEPING, e);
    }
  }

  /**
   * Closes the connections that are too slow or whose credentials ended, purges the expired tickets
   * and, while a connection takes the robots channel, reads the fleet for executors that went
   * offline unannounced (one small query).
   */
  void housekeep() {
    Instant now = clock.instant();
    for (StreamSession session : sessions.values()) {
      if (session.tooSlow(now, limits.slowAfter())) {
        if (close(
            session,
            WsCloseStatus.TRY_AGAIN_LATER.getCode(),
            "Too slow: " + session.dropped() + " messages dropped")) {
          closedSlow.increment();
        }
      } else if (!now.isBefore(session.credentials().validUntil())) {
        close(session, WsCloseStatus.POLICY_VIOLATION.getCode(), "Token expired");
      } else if (!auth.current(session.credentials().principal())) {
        close(session, WsCloseStatus.POLICY_VIOLATION.getCode(), "Credentials no longer valid");
      }
    }
    tickets.purge();
    if (watchesRobots()) {
      try {
        fleet.runOnce().forEach(this::publish);
      } catch (RuntimeException e) {
        // The store is down: the health says so; the next pass reads the fleet again.
        log.debug("Reading the fleet for the robot streams failed", e);
      }
    }
  }

  private boolean watchesRobots() {
    return sessions.values().stream().anyMatch(s -> s.channels().contains("robots"));
  }

  /** Closes {@code session} unless it is gone already; false when it was. */
  private boolean close(StreamSession session, int code, String reason) {
    if (sessions.remove(session.id()) != null) {
      log.info(
          "Closing stream {} of {} ({} sent, {} dropped): {}",
          session.stream().path(),
          session.credentials().principal().username(),
          session.sent(),
          session.dropped(),
          reason);
      session.close(code, reason);
      return true;
    }
    return false;
  }

  /** The counts {@code GET /api/system/health/websocket} shows. */
  public StreamHealth health() {
    Instant now = clock.instant();
    return StreamHealth.of(
        List.copyOf(sessions.values()),
        sender.sent(),
        dropped.sum(),
        closedSlow.sum(),
        tickets.outstanding(),
        now);
  }

  /** Stops listening and closes every connection as going away. */
  @Override
  public void close() {
    subscriptions.forEach(Subscription::close);
    housekeeping.shutdownNow();
    for (StreamSession session : sessions.values()) {
      close(session, WsCloseStatus.GOING_AWAY.getCode(), "Server stopping");
    }
    sender.close();
  }
}
