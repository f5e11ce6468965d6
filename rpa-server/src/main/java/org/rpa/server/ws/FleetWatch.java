package org.rpa.server.ws;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.rpa.core.dispatch.Fleet;
import org.rpa.core.event.ExecutorHeartbeat;
import org.rpa.core.event.ExecutorOffline;
import org.rpa.core.event.RpaEvent;

/**
 * Finds the executors that went offline without anyone saying so, as the fleet sees them: an
 * instance that stopped or crashed, a worker whose lease lapsed. It remembers which executors were
 * last seen online (from the fleet's rows and from the heartbeats that pass), and each {@link
 * #runOnce()} reports those whose rows now say offline, once each, as a {@link ExecutorOffline}
 * whose reason is {@link #LEASE_ENDED}.
 *
 * <p>Thread-safe; one thread runs {@link #runOnce()}.
 */
final class FleetWatch {
  static final String LEASE_ENDED = "its lease ended: it stopped, or its heartbeats stopped";

  private final Supplier<List<Fleet.Member>> executors;
  private final Clock clock;
  private final Map<String, Boolean> online = new ConcurrentHashMap<>();

  FleetWatch(Supplier<List<Fleet.Member>> executors, Clock clock) {
    this.executors = executors;
    this.clock = clock;
  }

  /** Notes what a passing heartbeat or offline event says of its executor. */
  void seen(RpaEvent event) {
    if (event instanceof ExecutorHeartbeat beat) {
      online.put(beat.executorId(), !beat.status().equals("offline"));
    } else if (event instanceof ExecutorOffline offline) {
      online.put(offline.executorId(), false);
    }
  }

  /** Reads the fleet; the executors last seen online that its rows now say are offline. */
  List<ExecutorOffline> runOnce() {
    Instant now = clock.instant();
    List<ExecutorOffline> lapsed = new ArrayList<>();
    List<Fleet.Member> members = executors.get();
    // Rows the fleet deleted (after the executor retention) are forgotten here too.
    online.keySet().retainAll(members.stream().map(Fleet.Member::id).toList());
    for (Fleet.Member member : members) {
      boolean up = member.state() != Fleet.State.OFFLINE;
      Boolean before = online.put(member.id(), up);
      if (!up && Boolean.TRUE.equals(before)) {
        lapsed.add(new ExecutorOffline(member.id(), member.address(), LEASE_ENDED, now));
      }
    }
    return lapsed;
  }
}
