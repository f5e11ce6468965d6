package org.rpa.server.privacy;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.rpa.automation.evidence.Evidence;
import org.rpa.core.job.JobId;
import org.rpa.core.privacy.Privacy;
import org.rpa.core.privacy.SubjectRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the job store and the evidence directory hold about one data subject (a circuit number, an
 * account or customer reference), for POPIA access and deletion requests.
 *
 * <p>A job is about the subject when its reference or idempotency key is the subject, or when a
 * value in its parameters, result or error, or in its executions' results and errors, its steps'
 * names and details or its log, names the subject whole ({@link SubjectMatch}): exactly, case
 * included, and never as a part of a longer identifier, so {@code MFN-1000} finds nothing of {@code
 * MFN-100015}. Erasure replaces each whole mention with {@value #ERASED} (a JSON value that is the
 * subject becomes {@value #ERASED}) and clears a reference or idempotency key that is the subject,
 * with its dedupe keys, and in the jobs so found also the names of the screenshots their steps made
 * from the subject, in one transaction (the core's {@link Privacy}); then deletes the job's
 * screenshots, and those of any job whose recorded subject it is. Rows without a mention are never
 * written. Jobs that have not finished are left alone and reported, since their handler may still
 * write about the subject: the request is repeated once they end. The job rows themselves stay, so
 * counts and metrics do not change.
 *
 * <p>Thread-safe.
 */
public final class SubjectData {
  public static final String ERASED = Redaction.ERASED;

  /**
   * Subjects are identifiers: 4 to 100 letters, digits, spaces or {@code ._@+/:%-}, starting with a
   * letter or digit.
   */
  public static final Pattern SUBJECT = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 ._@+/:%-]{3,99}$");

  private static final Logger LOG = LoggerFactory.getLogger(SubjectData.class);

  /** The outcome of an erasure. */
  public record Erasure(List<Long> erasedJobs, List<Long> unfinishedJobs, int screenshotsDeleted) {}

  private final Privacy privacy;
  private final Evidence evidence;
  private final Clock clock;

  public SubjectData(Privacy privacy, Evidence evidence, Clock clock) {
    this.privacy = Objects.requireNonNull(privacy, "privacy");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Ids of the jobs about {@code subject}, oldest first. */
  public List<JobId> find(String subject) {
    return privacy.find(rule(SubjectMatch.of(subject)));
  }

  /** Erases {@code subject} from every finished job about it and deletes their screenshots. */
  public Erasure erase(String subject) {
    SubjectMatch match = SubjectMatch.of(subject);
    // Found by the subject itself; erased with the screenshot names it gave too.
    Privacy.Erasure erasure = privacy.erase(rule(match), rule(match.withScreenshotNames()));
    int screenshots = 0;
    for (JobId id : erasure.erased()) {
      screenshots += evidence.deleteJob(id);
    }
    screenshots += evidence.deleteSubject(match.subject());
    LOG.info(
        "Data subject erased at {}: {} job(s), {} unfinished, {} screenshot(s)",
        clock.instant(),
        erasure.erased().size(),
        erasure.unfinished().size(),
        screenshots);
    return new Erasure(ids(erasure.erased()), ids(erasure.unfinished()), screenshots);
  }

  /** The whole-value rule as the core's privacy requests take it. */
  private static SubjectRule rule(SubjectMatch match) {
    return new SubjectRule() {
      @Override
      public String sieve() {
        return match.subject();
      }

      @Override
      public boolean is(String identifier) {
        return match.is(identifier);
      }

      @Override
      public String redact(String text) {
        return Redaction.redact(text, match);
      }
    };
  }

  private static List<Long> ids(List<JobId> ids) {
    return ids.stream().map(JobId::value).toList();
  }
}
