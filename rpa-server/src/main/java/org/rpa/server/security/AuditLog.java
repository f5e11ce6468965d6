package org.rpa.server.security;

import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per login, failed login and state-changing call, on the logger {@code rpa.audit}: who,
 * what, on which target, from where, and the outcome. Callers never pass a password or a token;
 * values are stripped of control characters so a crafted name cannot forge a line.
 *
 * <p>Thread-safe.
 */
public final class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger("rpa.audit");
  private static final Pattern UNSAFE = Pattern.compile("[\\p{Cntrl}\\s]");

  public void record(String who, String action, String target, String from, String outcome) {
    LOG.info(
        "audit who={} action={} target={} from={} outcome={}",
        clean(who),
        clean(action),
        clean(target),
        clean(from),
        clean(outcome));
  }

  private static String clean(String value) {
    if (value == null) {
      return "-";
    }
    // Compiled once: String.replaceAll compiled the pattern on every line of every create.
    String cleaned = UNSAFE.matcher(value).replaceAll("_");
    return cleaned.length() > 120 ? cleaned.substring(0, 120) + "…" : cleaned;
  }
}
