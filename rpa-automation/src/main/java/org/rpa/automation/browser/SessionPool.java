package org.rpa.automation.browser;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of warm browser sessions. A job leases one with {@link #acquire}: at most {@code
 * maxSessions} exist at once, and each portal account is leased to one session at a time (portals
 * end a second login of the same account), so jobs for one account queue behind each other while
 * other accounts run. A returned session has its cookies and storage cleared and waits, warm, for
 * the next job; {@link #closeIdle()} closes sessions idle longer than the idle timeout by the
 * injected clock; a session whose browser died is replaced on its next lease. Thread-safe.
 */
public final class SessionPool implements AutoCloseable {
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
  public static final int DEFAULT_MAX_SESSIONS = 2;
  private static final Logger log = LoggerFactory.getLogger(SessionPool.class);

  /**
   * Clears the page's storage if it has an origin that keeps any (about:blank and data: do not).
   */
  private static final String CLEAR_STORAGE =
      "if (location.protocol === 'http:' || location.protocol === 'https:') {"
          + " localStorage.clear(); sessionStorage.clear(); }";

  private final BrowserFactory factory;
  private final Clock clock;
  private final Duration idleTimeout;
  private final Semaphore slots;
  private final Map<String, Semaphore> accounts = new ConcurrentHashMap<>();
  private final Deque<PooledSession> idle = new ConcurrentLinkedDeque<>();
  private final Set<PooledSession> busy = ConcurrentHashMap.newKeySet();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong replaced = new AtomicLong();
  private final boolean reuse;
  private volatile io.github.resilience4j.circuitbreaker.CircuitBreaker starts;
  private volatile Consumer<LeaseTimes> timesListener = times -> {};

  public SessionPool(BrowserFactory factory, Clock clock, int maxSessions, Duration idleTimeout) {
    this(factory, clock, maxSessions, idleTimeout, true);
  }

  /**
   * @param reuse false to close each session when its job ends (a fresh browser per job: slower,
   *     for portals that must never see a reused browser)
   */
  public SessionPool(
      BrowserFactory factory, Clock clock, int maxSessions, Duration idleTimeout, boolean reuse) {
    this.reuse = reuse;
    this.factory = Objects.requireNonNull(factory, "factory");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1, but was " + maxSessions);
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, but was " + idleTimeout);
    }
    this.slots = new Semaphore(maxSessions, true);
    this.idleTimeout = idleTimeout;
  }

  /**
   * Starts every new browser through {@code breaker} from now on (a Selenium Grid's: a grid that
   * fails to start sessions opens it, and while it is open a lease fails at once).
   */
  public void startThrough(io.github.resilience4j.circuitbreaker.CircuitBreaker breaker) {
    this.starts = Objects.requireNonNull(breaker, "breaker");
  }

  /**
   * Calls {@code listener} after each lease is released with what the pool's own work for it took
   * (for a benchmark or a metric); it runs on the releasing job's thread and must be quick.
   * Replaces any listener set before.
   */
  public void onLeaseReleased(Consumer<LeaseTimes> listener) {
    this.timesListener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * The pool's work for one lease. Its own cost per job is {@link #cost()}: acquire, reset and
   * release; the queued time is waiting behind other jobs.
   *
   * @param queued waiting for the account and a free slot
   * @param acquire taking a warm session (with a check that its browser answers) or starting a new
   *     browser
   * @param reset clearing cookies, cache and storage and leaving the page blank for the next job
   *     (zero when sessions are not reused)
   * @param release the rest of giving the session back: closing its browser when sessions are not
   *     reused or it broke, else returning it to the idle sessions
   * @param started true if the lease started a new browser
   */
  public record LeaseTimes(
      Duration queued, Duration acquire, Duration reset, Duration release, boolean started) {
    /** Acquire, reset and release together. */
    public Duration cost() {
      return acquire.plus(reset).plus(release);
    }
  }

  /**
   * Leases a session for {@code account}, waiting while that account or every slot is in use.
   *
   * @throws InterruptedException if interrupted while waiting (a cancelled job)
   */
  public Lease acquire(String account, String jobId) throws InterruptedException {
    long begin = System.nanoTime();
    Semaphore accountLock = accounts.computeIfAbsent(account, key -> new Semaphore(1, true));
    accountLock.acquire();
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      accountLock.release();
      throw e;
    }
    long granted = System.nanoTime();
    try {
      PooledSession session = warmOrNew();
      session.lease(account, jobId, clock.instant());
      busy.add(session);
      return new Lease(
          this,
          session,
          accountLock,
          granted - begin,
          System.nanoTime() - granted,
          session.jobsServed == 1);
    } catch (RuntimeException e) {
      slots.release();
      accountLock.release();
      throw e;
    }
  }

  private PooledSession warmOrNew() {
    PooledSession session;
    while ((session = idle.pollFirst()) != null) {
      if (session.isAlive()) {
        return session;
      }
      log.warn("Browser session {} crashed while idle: replacing it", session.id);
      session.browser.quit();
      replaced.incrementAndGet();
    }
    started.incrementAndGet();
    var breaker = starts;
    BrowserFactory.Browser browser =
        breaker == null ? factory.start() : breaker.executeSupplier(factory::start);
    return new PooledSession(
        "browser-" + ids.incrementAndGet(), factory.kind(), browser, clock.instant());
  }

  void release(Lease lease, boolean healthy) {
    long begin = System.nanoTime();
    long resetNanos = 0;
    PooledSession session = lease.session;
    busy.remove(session);
    try {
      if (!reuse) {
        session.browser.quit();
      } else if (healthy && session.clear()) {
        resetNanos = System.nanoTime() - begin;
        session.idle(clock.instant());
        idle.addFirst(session);
      } else {
        log.info("Closing browser session {} after a failure", session.id);
        session.browser.quit();
        replaced.incrementAndGet();
      }
    } finally {
      slots.release();
      lease.accountLock.release();
    }
    long total = System.nanoTime() - begin;
    try {
      timesListener.accept(
          new LeaseTimes(
              Duration.ofNanos(lease.waitNanos),
              Duration.ofNanos(lease.acquireNanos),
              Duration.ofNanos(resetNanos),
              Duration.ofNanos(total - resetNanos),
              lease.started));
    } catch (RuntimeException e) {
      log.warn("Lease listener failed: {}", e.toString());
    }
  }

  /** Closes sessions idle for longer than the idle timeout; returns how many. */
  public int closeIdle() {
    Instant cutoff = clock.instant().minus(idleTimeout);
    int closed = 0;
    for (PooledSession session : List.copyOf(idle)) {
      if (!session.lastUsedAt.isAfter(cutoff) && idle.remove(session)) {
        session.browser.quit();
        closed++;
      }
    }
    if (closed > 0) {
      log.info("Closed {} browser session(s) idle since before {}", closed, cutoff);
    }
    return closed;
  }

  /** Every session, busy first. */
  public List<SessionView> list() {
    Instant now = clock.instant();
    List<SessionView> views = new ArrayList<>();
    busy.forEach(session -> views.add(session.view("busy", now)));
    idle.forEach(session -> views.add(session.view("idle", now)));
    return List.copyOf(views);
  }

  /**
   * Session id → the profile directory of its local browser (its processes run with {@code
   * --user-data-dir=<profile>}), for operators and tests that need to find the processes; grid
   * sessions are left out.
   */
  public Map<String, java.nio.file.Path> localProfiles() {
    Map<String, java.nio.file.Path> profiles = new java.util.TreeMap<>();
    busy.forEach(session -> putProfile(profiles, session));
    idle.forEach(session -> putProfile(profiles, session));
    return Map.copyOf(profiles);
  }

  private static void putProfile(Map<String, java.nio.file.Path> profiles, PooledSession session) {
    if (session.browser.profile() != null) {
      profiles.put(session.id, session.browser.profile());
    }
  }

  /** Browsers started since the pool was made. */
  public long browsersStarted() {
    return started.get();
  }

  /** Sessions closed because their browser crashed or a job broke them. */
  public long browsersReplaced() {
    return replaced.get();
  }

  @Override
  public void close() {
    PooledSession session;
    while ((session = idle.pollFirst()) != null) {
      session.browser.quit();
    }
    busy.forEach(each -> each.browser.quit());
    busy.clear();
  }

  /** A leased session; closing it returns it to the pool. Used by one thread. */
  public static final class Lease implements AutoCloseable {
    private final SessionPool pool;
    private final PooledSession session;
    private final Semaphore accountLock;
    private final long waitNanos;
    private final long acquireNanos;
    private final boolean started;
    private boolean broken;
    private boolean closed;

    private Lease(
        SessionPool pool,
        PooledSession session,
        Semaphore accountLock,
        long waitNanos,
        long acquireNanos,
        boolean started) {
      this.pool = pool;
      this.session = session;
      this.accountLock = accountLock;
      this.waitNanos = waitNanos;
      this.acquireNanos = acquireNanos;
      this.started = started;
    }

    public WebDriver driver() {
      return session.browser.driver();
    }

    public String sessionId() {
      return session.id;
    }

    /** Marks the browser as unusable: it is closed rather than pooled. */
    public void markBroken() {
      broken = true;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        pool.release(this, !broken);
      }
    }
  }

  private static final class PooledSession {
    final String id;
    final String kind;
    final BrowserFactory.Browser browser;
    final Instant createdAt;
    volatile Instant lastUsedAt;
    volatile String account;
    volatile String jobId;
    volatile int jobsServed;

    PooledSession(String id, String kind, BrowserFactory.Browser browser, Instant now) {
      this.id = id;
      this.kind = kind;
      this.browser = browser;
      this.createdAt = now;
      this.lastUsedAt = now;
    }

    void lease(String account, String jobId, Instant now) {
      this.account = account;
      this.jobId = jobId;
      this.lastUsedAt = now;
      this.jobsServed++;
    }

    void idle(Instant now) {
      this.account = null;
      this.jobId = null;
      this.lastUsedAt = now;
    }

    boolean isAlive() {
      try {
        browser.driver().getWindowHandles();
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    }

    /**
     * Clears cookies (of every origin), the cache and the current origin's local and session
     * storage, and leaves the page at {@code about:blank}: four round trips to the browser on
     * Chromium. False if the browser did not answer.
     */
    boolean clear() {
      WebDriver driver = browser.driver();
      try {
        if (driver instanceof HasCdp cdp) {
          cdp.executeCdpCommand("Network.clearBrowserCookies", Map.of());
          cdp.executeCdpCommand("Network.clearBrowserCache", Map.of());
        } else {
          driver.manage().deleteAllCookies();
        }
        if (driver instanceof JavascriptExecutor script) {
          script.executeScript(CLEAR_STORAGE);
        }
        driver.get("about:blank");
        return true;
      } catch (RuntimeException e) {
        log.warn("Browser session {} did not clear: {}", id, e.toString());
        return false;
      }
    }

    SessionView view(String state, Instant now) {
      return new SessionView(
          id,
          kind,
          state,
          jobId,
          account,
          createdAt,
          lastUsedAt,
          Duration.between(createdAt, now),
          jobsServed);
    }
  }
}
