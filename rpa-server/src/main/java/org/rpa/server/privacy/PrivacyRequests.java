package org.rpa.server.privacy;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.rpa.automation.evidence.Evidence;
import org.rpa.automation.evidence.Screenshot;
import org.rpa.core.job.Execution;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.Jobs;
import org.rpa.server.Timestamps;
import org.rpa.server.security.AuditLog;
import org.rpa.server.security.AuthFilter;
import org.rpa.server.security.Permission;
import org.rpa.server.security.Principal;

/**
 * POPIA data subject requests. A request without a token is recorded under a reference and nothing
 * is disclosed or erased for the unverified caller. The data protection officer, having verified
 * the subject, sends the same request with a token holding {@code privacy:execute}: an access
 * request then answers every job about the subject with its screenshots, a deletion request erases
 * the subject from the store and the evidence directory ({@link SubjectData}). Every request leaves
 * one audit line, which carries the reference and never the subject's address.
 *
 * <p>Thread-safe.
 */
public final class PrivacyRequests {
  public static final Set<String> TYPES = Set.of("access", "correction", "deletion");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,189}$");
  private static final Pattern REFERENCE = Pattern.compile("^DSR-[0-9]{8}-[0-9a-f]{8}$");

  /** Who sends a request: their {@code Authorization} header (null for none) and address. */
  public record Caller(String authorization, String address) {}

  /** What a request came to. */
  public sealed interface Outcome {
    String reference();

    String requestType();
  }

  /** Recorded, for the data protection officer to verify and carry out. */
  public record Received(String reference, String requestType) implements Outcome {}

  /** An access request carried out: the jobs about the subject, oldest first. */
  public record Access(String reference, String requestType, String subject, List<SubjectJob> jobs)
      implements Outcome {}

  /** A deletion request carried out. */
  public record Deletion(String reference, String requestType, SubjectData.Erasure erasure)
      implements Outcome {}

  /** One job about the subject, with its executions and screenshots. */
  public record SubjectJob(Job job, List<Execution> executions, List<Screenshot> screenshots) {}

  private final SubjectData subjects;
  private final Jobs jobs;
  private final Evidence evidence;
  private final AuditLog audit;
  private final AuthFilter auth;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public PrivacyRequests(
      SubjectData subjects,
      Jobs jobs,
      Evidence evidence,
      AuditLog audit,
      AuthFilter auth,
      Clock clock) {
    this.subjects = Objects.requireNonNull(subjects, "subjects");
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.auth = Objects.requireNonNull(auth, "auth");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Validates {@code request}, then records it, or, for an officer, carries it out.
   *
   * @throws InvalidDataRequestException naming the first rule the request breaks
   * @throws AuthFilter.NotAuthenticatedException for a token that is not valid: a bad token is
   *     refused, never treated as no token
   * @throws AuthFilter.PermissionDeniedException for a token without {@code privacy:execute}
   */
  public Outcome handle(DataRequest request, Caller caller) {
    validate(request);
    Principal officer =
        caller.authorization() == null
            ? null
            : auth.require(caller.authorization(), Permission.PRIVACY_EXECUTE);
    String type = request.requestType();
    if (officer != null && request.subject() == null && !type.equals("correction")) {
      throw new InvalidDataRequestException(
          "subject (the circuit number, account or customer reference) is required");
    }
    String reference = request.reference() != null ? request.reference() : newReference();
    String who = officer == null ? "anonymous" : officer.username();
    if (officer != null && type.equals("deletion")) {
      SubjectData.Erasure erasure = subjects.erase(request.subject().trim());
      audit.record(
          who,
          "privacy:deletion",
          reference,
          caller.address(),
          erasure.erasedJobs().size() + " jobs erased");
      return new Deletion(reference, type, erasure);
    }
    if (officer != null && type.equals("access")) {
      String subject = request.subject().trim();
      List<SubjectJob> found = subjects.find(subject).stream().map(this::subjectJob).toList();
      audit.record(who, "privacy:access", reference, caller.address(), found.size() + " jobs");
      return new Access(reference, type, subject, found);
    }
    audit.record(who, "privacy:" + type, reference, caller.address(), "received");
    return new Received(reference, type);
  }

  private SubjectJob subjectJob(JobId id) {
    return new SubjectJob(jobs.get(id), jobs.executions(id), evidence.list(id));
  }

  private static void validate(DataRequest request) {
    if (request.requestType() == null || !TYPES.contains(request.requestType())) {
      throw new InvalidDataRequestException(
          "request_type must be one of access, correction, deletion, but was "
              + request.requestType());
    }
    if (request.email() == null || !EMAIL.matcher(request.email()).matches()) {
      throw new InvalidDataRequestException("email must be an e-mail address");
    }
    if (request.name() != null && request.name().length() > 200) {
      throw new InvalidDataRequestException("name must be at most 200 characters");
    }
    if (request.details() != null && request.details().length() > 2000) {
      throw new InvalidDataRequestException("details must be at most 2000 characters");
    }
    if (request.subject() != null
        && !SubjectData.SUBJECT.matcher(request.subject().trim()).matches()) {
      throw new InvalidDataRequestException(
          "subject must be an identifier of 4 to 100 letters, digits, spaces or ._@+/:%-");
    }
    if (request.reference() != null && !REFERENCE.matcher(request.reference()).matches()) {
      throw new InvalidDataRequestException("reference must be one this service issued (DSR-…)");
    }
  }

  private String newReference() {
    byte[] suffix = new byte[4];
    random.nextBytes(suffix);
    return "DSR-" + Timestamps.day(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
  }
}
