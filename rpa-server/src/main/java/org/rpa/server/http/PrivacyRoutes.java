package org.rpa.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import org.rpa.server.http.JobViews.JobView;
import org.rpa.server.http.JobViews.ScreenshotView;
import org.rpa.server.privacy.DataRequest;
import org.rpa.server.privacy.PrivacyRequests;
import org.rpa.server.privacy.PrivacyRequests.Access;
import org.rpa.server.privacy.PrivacyRequests.Deletion;

/**
 * The POPIA routes: {@code POST /privacy/data-request} hands the request and its caller to {@link
 * PrivacyRequests} and renders what it came to (202 received; 200 with the subject's jobs, or with
 * what was erased, for the data protection officer). {@code GET /privacy/notice} states the contact
 * and the retention.
 *
 * <p>Thread-safe.
 */
public final class PrivacyRoutes {
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

  public PrivacyRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
                "/privacy/data-request",
                "privacy",
                "Submit a POPIA data subject request (202); with a privacy:execute token, carry"
                    + " out an access (200, the subject's jobs) or deletion (200, erased)",
                DataRequestBody.class,
                this::request)
            .post(202)
            .body(DataRequest.class, "application/json"),
        ApiRoute.route(
            "/privacy/notice", "privacy", "The privacy notice", NoticeBody.class, this::notice));
  }

  private void request(Context ctx) {
    DataRequest request = StrictJson.read(ctx, DataRequest.class);
    var caller =
        new PrivacyRequests.Caller(ctx.header("Authorization"), context.clientAddress(ctx));
    String contact = context.config().dataProtectionContact();
    PrivacyRequests.Outcome outcome = context.privacy().handle(request, caller);
    if (outcome instanceof Deletion deletion) {
      ctx.json(deletionBody(deletion, contact));
    } else if (outcome instanceof Access access) {
      ctx.json(accessBody(access, contact));
    } else {
      ctx.status(202)
          .json(
              new DataRequestBody(
                  "received",
                  outcome.reference(),
                  outcome.requestType(),
                  "Your request has been received; the data protection officer will respond"
                      + " within 30 days",
                  contact,
                  context.now()));
    }
  }

  private DeletionBody deletionBody(Deletion deletion, String contact) {
    var erasure = deletion.erasure();
    return new DeletionBody(
        "completed",
        deletion.reference(),
        deletion.requestType(),
        erasure.erasedJobs(),
        erasure.unfinishedJobs(),
        erasure.screenshotsDeleted(),
        erasure.unfinishedJobs().isEmpty()
            ? "The subject's data has been erased"
            : "Erased from finished jobs; repeat the request once the unfinished jobs end",
        contact,
        context.now());
  }

  private AccessBody accessBody(Access access, String contact) {
    List<SubjectJob> jobs =
        access.jobs().stream()
            .map(
                found ->
                    new SubjectJob(
                        JobViews.view(found.job(), found.executions()),
                        found.screenshots().stream()
                            .map(shot -> JobViews.screenshot(found.job().id(), shot))
                            .toList()))
            .toList();
    return new AccessBody(
        "completed",
        access.reference(),
        access.requestType(),
        access.subject(),
        jobs,
        jobs.size(),
        contact,
        context.now());
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
