package org.rpa.server.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.rpa.core.testing.net.FaultProxy;
import org.rpa.server.faults.Rig.Node;
import org.rpa.server.faults.Rig.Store;

/**
 * The faults of the matrix. {@link #strike} injects one while the load runs, at a moment and on a
 * target the seeded {@code random} picks, holds it, heals it (a killed process is started again, a
 * proxy passes traffic again, PostgreSQL is started again) and says what it caught: the jobs an
 * executor held at the moment of the fault, with their owner.
 */
enum Fault {
  ORCHESTRATOR_KILL("kill -9 of an orchestrator, restarted after") {
    @Override
    Strike inject(Rig rig, Census census, Random random) throws Exception {
      Node node = rig.orchestrators.get(random.nextInt(rig.orchestrators.size()));
      Instant at = Instant.now();
      Map<Long, String> caught = census.leased();
      rig.kill(node);
      hold(Duration.ofMillis(500 + random.nextInt(1_000)));
      rig.restart(node);
      return new Strike(node.name, at, caught, false);
    }
  },
  WORKER_KILL("kill -9 of a worker in the middle of jobs, restarted after") {
    @Override
    Strike inject(Rig rig, Census census, Random random) throws Exception {
      Node node = rig.workers.get(random.nextInt(Rig.WORKERS));
      String owner = node.workerId;
      Map<Long, String> caught = new HashMap<>();
      Instant at = Instant.now();
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      long enough = System.nanoTime() + Duration.ofSeconds(4).toNanos();
      // In the middle of jobs: three of them on the worker, or at least one after 4 s.
      while (caught.size() < (System.nanoTime() < enough ? 3 : 1) && System.nanoTime() < until) {
        caught.clear();
        at = Instant.now();
        census
            .leased()
            .forEach(
                (id, by) -> {
                  if (by.equals(owner)) {
                    caught.put(id, by);
                  }
                });
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
      rig.kill(node);
      hold(Duration.ofMillis(500 + random.nextInt(1_000)));
      rig.restart(node);
      return new Strike(node.name, at, caught, true);
    }
  },
  WORKER_LINK_RESET("resets on every link to a worker for 2 s") {
    @Override
    Strike inject(Rig rig, Census census, Random random) {
      int w = random.nextInt(Rig.WORKERS);
      return onLinks(
          rig.workers.get(w).name,
          rig.linksTo(w),
          FaultProxy::reset,
          FaultProxy::pass,
          Duration.ofSeconds(2),
          census);
    }
  },
  WORKER_LINK_BLACK_HOLE("every link to a worker a black hole for 7 s (past its 6 s lease)") {
    @Override
    Strike inject(Rig rig, Census census, Random random) {
      int w = random.nextInt(Rig.WORKERS);
      return onLinks(
          rig.workers.get(w).name,
          rig.linksTo(w),
          FaultProxy::blackHole,
          FaultProxy::pass,
          Duration.ofSeconds(7),
          census);
    }
  },
  RESULTS_DROPPED("half the result connections (worker to orchestrator) dropped for 3 s") {
    @Override
    Strike inject(Rig rig, Census census, Random random) {
      return onLinks(
          "both workers' results",
          List.of(rig.results),
          proxy -> proxy.drop(0.5),
          FaultProxy::pass,
          Duration.ofSeconds(3),
          census);
    }
  },
  RESULTS_SLOW("300 ms latency on every result connection for 3 s") {
    @Override
    Strike inject(Rig rig, Census census, Random random) {
      return onLinks(
          "both workers' results",
          List.of(rig.results),
          proxy -> proxy.latency(Duration.ofMillis(300)),
          proxy -> proxy.latency(Duration.ZERO),
          Duration.ofSeconds(3),
          census);
    }
  },
  POSTGRES_RESTART("pg_ctl restart -m immediate under load", Store.POSTGRES) {
    @Override
    Strike inject(Rig rig, Census census, Random random) {
      Instant at = Instant.now();
      Map<Long, String> caught = census.leased();
      rig.postgres.restartImmediately();
      hold(Duration.ofSeconds(2));
      return new Strike("postgres", at, caught, false);
    }
  },
  POSTGRES_DOWN_30S("PostgreSQL stopped (immediate) for 30 s, then started", Store.POSTGRES) {
    @Override
    Strike inject(Rig rig, Census census, Random random) {
      Instant at = Instant.now();
      Map<Long, String> caught = census.leased();
      rig.postgres.stopImmediately();
      // A real outage of the documented length: the wall time is the fault itself.
      hold(Duration.ofSeconds(30));
      rig.postgres.startAgain();
      return new Strike("postgres", at, caught, false);
    }
  },
  POOL_EXHAUSTED(
      "every orchestrator's connection pool run dry for 11 s: the jobs table locked under a crowd"
          + " of readers",
      Store.POSTGRES) {
    @Override
    Strike inject(Rig rig, Census census, Random random) throws Exception {
      Instant at = Instant.now();
      Map<Long, String> caught = census.leased();
      PoolWatch watch = new PoolWatch(rig);
      // Longer than the pool's 10 s connection timeout, and than the 6 s lease: reads and writes
      // wait on the lock with their connections, the rest of each orchestrator waits for one, and
      // nobody can renew a lease until it ends.
      try (var lock = census.lockJobs()) {
        watch.during(Duration.ofSeconds(11));
      }
      System.out.printf(
          "pool-exhausted: %s; first refusal: %s%n", watch.summary(), watch.refusal());
      return new Strike(
          "jobs locked; " + watch.summary(),
          at,
          caught,
          false,
          watch.exhausted() ? null : "no pool was seen exhausted: " + watch.summary());
    }
  };

  /**
   * What a fault caught: its target, its moment, the jobs leased then (id to owner), and whether
   * their executor died (so they must be rescued within a lease and a sweep).
   */
  record Strike(
      String target, Instant at, Map<Long, String> caught, boolean executorDied, String failure) {
    Strike(String target, Instant at, Map<Long, String> caught, boolean executorDied) {
      this(target, at, caught, executorDied, null);
    }
  }

  final String description;
  private final Set<Store> stores;

  Fault(String description) {
    this(description, Store.H2, Store.POSTGRES);
  }

  Fault(String description, Store... stores) {
    this.description = description;
    this.stores = Set.of(stores);
  }

  /**
   * True if this fault can strike a rig on {@code store} (PostgreSQL's own faults cannot on H2).
   */
  boolean strikes(Store store) {
    return stores.contains(store);
  }

  abstract Strike inject(Rig rig, Census census, Random random) throws Exception;

  /**
   * A network fault: {@code fault} on each of {@code links}, held for {@code length}, then {@code
   * heal} on each; what was leased at its start is what it caught.
   */
  static Strike onLinks(
      String target,
      List<FaultProxy> links,
      Consumer<FaultProxy> fault,
      Consumer<FaultProxy> heal,
      Duration length,
      Census census) {
    Instant at = Instant.now();
    Map<Long, String> caught = census.leased();
    links.forEach(fault);
    hold(length);
    links.forEach(heal);
    return new Strike(target, at, caught, false);
  }

  /** Keeps a fault (or the load) going for {@code length} of wall time: the window itself. */
  static void hold(Duration length) {
    long until = System.nanoTime() + length.toNanos();
    for (long left = length.toNanos(); left > 0; left = until - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}
