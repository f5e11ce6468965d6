package org.rpa.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One sandbox portal's state: its account, circuits, sessions and failure switches. Tests flip the
 * switches; the pages read them. Thread-safe.
 */
public final class SandboxPortal {
  public static final Duration SESSION_TIMEOUT = Duration.ofMinutes(15);
  public static final int LOCKOUT_AFTER = 3;

  final Skin skin;
  private final Clock clock;
  private final String username;
  private final String password;
  private final String totpSecret;
  private final PortalTotp totp;
  private final Map<String, String> circuits = new ConcurrentHashMap<>();
  private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
  private final Set<Long> spentSteps = ConcurrentHashMap.newKeySet();
  private final AtomicInteger wrongPasswords = new AtomicInteger();
  private final AtomicInteger errorPages = new AtomicInteger();
  private final AtomicBoolean changedIds = new AtomicBoolean();
  private final AtomicReference<Duration> slowness = new AtomicReference<>(Duration.ZERO);
  private final AtomicInteger references = new AtomicInteger(1000);
  private final AtomicInteger logins = new AtomicInteger();

  SandboxPortal(Skin skin, Clock clock, String username, String password, String totpSecret) {
    this.skin = skin;
    this.clock = clock;
    this.username = username;
    this.password = password;
    this.totpSecret = totpSecret;
    this.totp = totpSecret == null ? null : new PortalTotp(totpSecret);
    for (int i = 1; i <= 20; i++) {
      circuits.put(String.format("%s-%06d", skin.circuitPrefix(), 100000 + i), "Active");
    }
    circuits.put(skin.circuitPrefix() + "-999999", "Cancelled");
  }

  public String provider() {
    return skin.provider();
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  /** The Base32 TOTP secret the login checks, or empty for a portal without TOTP. */
  public Optional<String> totpSecret() {
    return Optional.ofNullable(totpSecret);
  }

  /** The n-th seeded active circuit number, from 1 to 20. */
  public String circuit(int n) {
    return String.format("%s-%06d", skin.circuitPrefix(), 100000 + n);
  }

  public Optional<String> status(String circuit) {
    return Optional.ofNullable(circuits.get(circuit));
  }

  /** Serves the next {@code count} pages as a 500 error page. */
  public void failNextPages(int count) {
    errorPages.set(count);
  }

  /** Renames the element ids the flows' first locators use (names and data-qa stay). */
  public void changeElementIds(boolean changed) {
    changedIds.set(changed);
  }

  /** Delays every page by {@code delay}. */
  public void slowPages(Duration delay) {
    slowness.set(delay);
  }

  /** Ends every open session, as a portal's own timeout would. */
  public void expireSessions() {
    sessions.clear();
  }

  public void unlock() {
    wrongPasswords.set(0);
  }

  public boolean isLocked() {
    return wrongPasswords.get() >= LOCKOUT_AFTER;
  }

  /** Successful logins so far. */
  public int logins() {
    return logins.get();
  }

  boolean changedIds() {
    return changedIds.get();
  }

  Duration slowness() {
    return slowness.get();
  }

  boolean takeErrorPage() {
    return errorPages.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  /** Checks a login; returns the session token, or the error message shown. */
  LoginOutcome login(String user, String pass, String code) {
    if (isLocked()) {
      return LoginOutcome.failed("Account locked after " + LOCKOUT_AFTER + " failed attempts");
    }
    if (!username.equalsIgnoreCase(user == null ? "" : user.trim()) || !password.equals(pass)) {
      int failures = wrongPasswords.incrementAndGet();
      return LoginOutcome.failed(
          failures >= LOCKOUT_AFTER
              ? "Account locked after " + LOCKOUT_AFTER + " failed attempts"
              : "Invalid username or password");
    }
    if (totp != null && !acceptCode(code)) {
      return LoginOutcome.failed("Invalid or already used verification code");
    }
    wrongPasswords.set(0);
    logins.incrementAndGet();
    String token = UUID.randomUUID().toString();
    sessions.put(token, clock.instant());
    return new LoginOutcome(token, null);
  }

  private boolean acceptCode(String code) {
    if (code == null) {
      return false;
    }
    long now = PortalTotp.stepOf(clock.instant());
    for (long step = now - 1; step <= now + 1; step++) {
      if (totp.codeAt(step).equals(code.trim())) {
        return spentSteps.add(step);
      }
    }
    return false;
  }

  /** True if the token names a live session; touches it. */
  boolean touch(String token) {
    if (token == null) {
      return false;
    }
    Instant now = clock.instant();
    Instant last = sessions.get(token);
    if (last == null || !now.isBefore(last.plus(SESSION_TIMEOUT))) {
      sessions.remove(token);
      return false;
    }
    sessions.put(token, now);
    return true;
  }

  String cancel(String circuit) {
    circuits.put(circuit, "Pending Cancellation");
    return skin.circuitPrefix() + "-CAN-" + references.incrementAndGet();
  }

  record LoginOutcome(String token, String error) {
    static LoginOutcome failed(String error) {
      return new LoginOutcome(null, error);
    }
  }
}
