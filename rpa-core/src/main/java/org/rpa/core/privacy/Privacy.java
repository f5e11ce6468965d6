package org.rpa.core.privacy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.rpa.core.job.JobId;
import org.rpa.core.store.SubjectStore;
import org.rpa.core.store.SubjectStore.HistoryText;
import org.rpa.core.store.SubjectStore.JobErasure;
import org.rpa.core.store.SubjectStore.JobTexts;

/**
 * Finds the jobs about one data subject and erases the subject from them, for privacy requests.
 *
 * <p>A job is about the subject when its reference or idempotency key is the subject, or when the
 * rule changes one of its texts: its parameters, result or error, its executions' results and
 * errors, its steps' names and details, its log's reasons. Erasure writes the texts as the rule
 * redacts them and clears a reference or idempotency key that is the subject (which frees its
 * dedupe key), in one transaction; texts without a mention are never written. Jobs that have not
 * finished are left alone and reported, since their handler may still write about the subject. The
 * job rows themselves stay, so counts and metrics do not change.
 *
 * <p>Thread-safe. Every method throws {@link org.rpa.core.StoreException} when the store fails.
 */
public final class Privacy {
  private final SubjectStore store;

  public Privacy(SubjectStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * What {@link #erase} did: the jobs erased, and those about the subject that had not finished.
   */
  public record Erasure(List<JobId> erased, List<JobId> unfinished) {
    public Erasure {
      erased = List.copyOf(erased);
      unfinished = List.copyOf(unfinished);
    }
  }

  /** The jobs about the subject, oldest first. */
  public List<JobId> find(SubjectRule rule) {
    Objects.requireNonNull(rule, "rule");
    List<JobId> found = new ArrayList<>();
    for (JobTexts job : store.candidates(rule.sieve())) {
      if (isAbout(job, rule)) {
        found.add(job.id());
      }
    }
    return List.copyOf(found);
  }

  /**
   * Erases the subject from every finished job about it.
   *
   * @param finding decides which jobs are about the subject
   * @param erasing redacts their texts; it may replace more than {@code finding} finds (such as the
   *     names of screenshots made from the subject), but only in the jobs {@code finding} found
   */
  public Erasure erase(SubjectRule finding, SubjectRule erasing) {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(erasing, "erasing");
    List<JobId> about = new ArrayList<>();
    List<JobErasure> erasures = new ArrayList<>();
    for (JobTexts job : store.candidates(finding.sieve())) {
      if (!isAbout(job, finding)) {
        continue;
      }
      about.add(job.id());
      if (job.status().isFinal()) {
        erasures.add(erasure(job, erasing));
      }
    }
    List<JobId> written = store.erase(erasures);
    Set<JobId> done = new HashSet<>(written);
    List<JobId> unfinished = about.stream().filter(id -> !done.contains(id)).toList();
    return new Erasure(written, unfinished);
  }

  private boolean isAbout(JobTexts job, SubjectRule rule) {
    if (rule.is(job.reference())
        || rule.is(job.idempotencyKey())
        || changes(rule, job.params())
        || changes(rule, job.result())
        || changes(rule, job.error())) {
      return true;
    }
    for (HistoryText text : store.history(job.id())) {
      if (changes(rule, text.text())) {
        return true;
      }
    }
    return false;
  }

  private JobErasure erasure(JobTexts job, SubjectRule rule) {
    List<HistoryText> history = new ArrayList<>();
    for (HistoryText text : store.history(job.id())) {
      String redacted = rule.redact(text.text());
      if (!Objects.equals(redacted, text.text())) {
        history.add(text.withText(redacted));
      }
    }
    return new JobErasure(
        job.id(),
        rule.redact(job.params()),
        rule.redact(job.result()),
        rule.redact(job.error()),
        rule.is(job.reference()) ? null : job.reference(),
        rule.is(job.idempotencyKey()) ? null : job.idempotencyKey(),
        history);
  }

  private static boolean changes(SubjectRule rule, String text) {
    return !Objects.equals(rule.redact(text), text);
  }
}
