package org.rpa.server.http;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.rpa.core.job.JobId;
import org.rpa.server.http.JobViews.JobView;
import org.rpa.server.http.JobViews.ScreenshotView;
import org.rpa.server.privacy.SubjectData;
import org.rpa.server.security.AuthFilter;
import org.rpa.server.security.Permission;
import org.rpa.server.security.Principal;

/**
 * The POPIA routes. {@code POST /privacy/data-request} without a token records a data subject's
 * request under a reference (202; nothing is disclosed or erased for an unverified caller). The
 * data protection officer, having verified the subject, sends the same request with a token holding
 * {@code privacy:execute}: an access request then answers every job about the subject with its
 * screenshots, a deletion request erases the subject from the store and the evidence directory
 * ({@link SubjectData}). {@code GET /privacy/notice} states the contact and the retention.
 *
 * <p>Thread-safe.
 */
public final class PrivacyRoutes {
  static final Set<String> TYPES = Set.of("access", "correction", "deletion");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,189}$");
  private static final Pattern REFERENCE = Pattern.compile("^DSR-[0-9]{8}-[0-9a-f]{8}$");
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuuMMdd").withZone(ZoneOffset.UTC);

  record DataRequest(
      String requestType,
      String email,
      String name,
      String subject,
      String details,
      String reference) {}

  record DataRequestBody(
      String status,
      String reference,
      String requestType,
      String message,
      String contact,
      String timestamp) {}

  record SubjectJob(JobView job, List<ScreenshotView> screenshots) {}

  record AccessBody(
      String status,
      String reference,
      String requestType,
      String subject,
      List<SubjectJob> jobs,
      int count,
      String contact,
      String timestamp) {}

  record DeletionBody(
      String status,
      String reference,
      String requestType,
      List<Long> erasedJobs,
      List<Long> unfinishedJobs,
      int screenshotsDeleted,
      String message,
      String contact,
      String timestamp) {}

  record NoticeBody(
      String title,
      String law,
      String contact,
      int screenshotRetentionDays,
      List<String> dataCollected,
      List<String> purposes,
      List<String> rights,
      String requests) {}

  private final ServerContext context;
  private final AuthFilter auth;
  private final SecureRandom random = new SecureRandom();

  public PrivacyRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
    this.auth = new AuthFilter(context.tokens(), context.users());
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get(
                "/privacy/data-request",
                "privacy",
                "Submit a POPIA data subject request (202); with a privacy:execute token, carry"
                    + " out an access (200, the subject's jobs) or deletion (200, erased)",
                DataRequestBody.class,
                this::request)
            .post(202)
            .body(DataRequest.class, "application/json"),
        ApiRoute.get(
            "/privacy/notice", "privacy", "The privacy notice", NoticeBody.class, this::notice));
  }

  private void request(Context ctx) {
    DataRequest request = Bodies.read(ctx, DataRequest.class);
    validate(request);
    // A bad token is refused, never treated as no token.
    Principal officer =
        ctx.header("Authorization") == null
            ? null
            : auth.require(ctx.header("Authorization"), Permission.PRIVACY_EXECUTE);
    if (officer != null
        && request.subject() == null
        && !request.requestType().equals("correction")) {
      throw ApiException.validation(
          "subject (the circuit number, account or customer reference) is required");
    }
    String reference = request.reference() != null ? request.reference() : newReference();
    String who = officer == null ? "anonymous" : officer.username();
    String type = request.requestType();
    if (officer != null && type.equals("deletion")) {
      SubjectData.Erasure erasure = context.subjects().erase(request.subject().trim());
      context
          .audit()
          .record(
              who,
              "privacy:deletion",
              reference,
              context.clientAddress(ctx),
              erasure.erasedJobs().size() + " jobs erased");
      ctx.json(
          new DeletionBody(
              "completed",
              reference,
              type,
              erasure.erasedJobs(),
              erasure.unfinishedJobs(),
              erasure.screenshotsDeleted(),
              erasure.unfinishedJobs().isEmpty()
                  ? "The subject's data has been erased"
                  : "Erased from finished jobs; repeat the request once the unfinished jobs end",
              context.config().dataProtectionContact(),
              context.now()));
      return;
    }
    if (officer != null && type.equals("access")) {
      List<SubjectJob> jobs = access(request.subject().trim());
      context
          .audit()
          .record(
              who, "privacy:access", reference, context.clientAddress(ctx), jobs.size() + " jobs");
      ctx.json(
          new AccessBody(
              "completed",
              reference,
              type,
              request.subject().trim(),
              jobs,
              jobs.size(),
              context.config().dataProtectionContact(),
              context.now()));
      return;
    }
    // The subject's address is personal data: the audit line carries the reference only.
    context
        .audit()
        .record(who, "privacy:" + type, reference, context.clientAddress(ctx), "received");
    ctx.status(202)
        .json(
            new DataRequestBody(
                "received",
                reference,
                type,
                "Your request has been received; the data protection officer will respond within"
                    + " 30 days",
                context.config().dataProtectionContact(),
                context.now()));
  }

  private List<SubjectJob> access(String subject) {
    var jobs = context.orchestrator().jobs();
    var evidence = context.automation().evidence();
    return context.subjects().find(subject).stream()
        .map(
            (JobId id) ->
                new SubjectJob(
                    JobViews.view(jobs.get(id), jobs.executions(id)),
                    evidence.list(id).stream().map(s -> JobViews.screenshot(id, s)).toList()))
        .toList();
  }

  private void validate(DataRequest request) {
    if (request.requestType() == null || !TYPES.contains(request.requestType())) {
      throw ApiException.validation(
          "request_type must be one of access, correction, deletion, but was "
              + request.requestType());
    }
    if (request.email() == null || !EMAIL.matcher(request.email()).matches()) {
      throw ApiException.validation("email must be an e-mail address");
    }
    if (request.name() != null && request.name().length() > 200) {
      throw ApiException.validation("name must be at most 200 characters");
    }
    if (request.details() != null && request.details().length() > 2000) {
      throw ApiException.validation("details must be at most 2000 characters");
    }
    if (request.subject() != null
        && !SubjectData.SUBJECT.matcher(request.subject().trim()).matches()) {
      throw ApiException.validation(
          "subject must be an identifier of 4 to 100 letters, digits, spaces or ._@+/:%-");
    }
    if (request.reference() != null && !REFERENCE.matcher(request.reference()).matches()) {
      throw ApiException.validation("reference must be one this service issued (DSR-…)");
    }
  }

  private String newReference() {
    byte[] suffix = new byte[4];
    random.nextBytes(suffix);
    return "DSR-" + DAY.format(context.clock().instant()) + "-" + HexFormat.of().formatHex(suffix);
  }

  private void notice(Context ctx) {
    ctx.json(
        new NoticeBody(
            "Privacy notice",
            "Protection of Personal Information Act (POPIA)",
            context.config().dataProtectionContact(),
            context.config().screenshotRetentionDays(),
            List.of(
                "job parameters such as customer and circuit identifiers",
                "portal screenshots taken as audit evidence"),
            List.of(
                "carrying out validation and cancellation orders with network operators",
                "audit evidence of each automated step"),
            List.of("access", "correction", "deletion"),
            "POST /privacy/data-request with request_type, email, subject (the circuit number,"
                + " account or customer reference) and optional name and details; the data"
                + " protection officer verifies the request and carries it out"));
  }
}
