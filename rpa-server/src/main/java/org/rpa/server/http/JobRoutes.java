package org.rpa.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.rpa.automation.evidence.Evidence;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.Jobs;
import org.rpa.core.job.Page;
import org.rpa.core.job.Submission;
import org.rpa.server.http.JobViews.BatchBody;
import org.rpa.server.http.JobViews.BatchCreate;
import org.rpa.server.http.JobViews.JobCreate;
import org.rpa.server.http.JobViews.JobList;
import org.rpa.server.http.JobViews.JobPatch;
import org.rpa.server.http.JobViews.JobView;
import org.rpa.server.http.JobViews.ScreenshotList;
import org.rpa.server.http.JobViews.ScreenshotView;
import org.rpa.server.security.Permission;

/**
 * Job management: {@code POST/GET /jobs}, {@code GET/PATCH/DELETE /jobs/{id}}, and the audit
 * evidence, {@code GET /jobs/{id}/screenshots} with {@code GET /jobs/{id}/screenshots/{name}}.
 *
 * <p>Thread-safe.
 */
public final class JobRoutes {
  static final int MAX_BATCH = 500;
  // What Evidence names files: a sequence number and a sanitised step name. Nothing else is served.
  static final Pattern SCREENSHOT_NAME = Pattern.compile("^[0-9]{4}-[a-z0-9-]{1,60}\\.png$");

  private final ServerContext context;

  public JobRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
                "/jobs",
                "jobs",
                "Create a job, or a batch {\"jobs\": [...]}",
                JobView.class,
                this::create)
            .post(201)
            .body(JobCreate.class, "application/json")
            .errors(422)
            .secured(Permission.JOB_CREATE),
        ApiRoute.route(
                "/jobs",
                "jobs",
                "List jobs with filters and a keyset cursor",
                JobList.class,
                this::list)
            .query(JobQueries.PARAMETERS.toArray(String[]::new))
            .secured(Permission.JOB_READ),
        ApiRoute.route(
                "/jobs/{id}",
                "jobs",
                "A job with its executions and their recorded steps",
                JobView.class,
                this::get)
            .secured(Permission.JOB_READ),
        ApiRoute.route(
                "/jobs/{id}",
                "jobs",
                "Change priority, run_at or parameters; or cancel",
                JobView.class,
                this::patch)
            .method(HandlerType.PATCH)
            .body(JobPatch.class, "application/json")
            .errors(409)
            .secured(Permission.JOB_UPDATE),
        ApiRoute.route(
                "/jobs/{id}",
                "jobs",
                "Cancel a job (409 when already final)",
                JobView.class,
                this::cancel)
            .method(HandlerType.DELETE)
            .errors(409)
            .secured(Permission.JOB_CANCEL),
        ApiRoute.route(
                "/jobs/{id}/screenshots",
                "jobs",
                "Audit evidence of a job",
                ScreenshotList.class,
                this::screenshots)
            .secured(Permission.EVIDENCE_READ),
        ApiRoute.route(
                "/jobs/{id}/screenshots/{name}",
                "jobs",
                "Download one screenshot (image/png) by a name the list returned",
                byte[].class,
                this::screenshot)
            .secured(Permission.EVIDENCE_READ));
  }

  private Jobs jobs() {
    return context.orchestrator().jobs();
  }

  private void create(Context ctx) {
    JsonNode body = StrictJson.object(ctx);
    String headerKey = ctx.header("Idempotency-Key");
    if (body.has("jobs")) {
      BatchCreate batch = StrictJson.bind(body, BatchCreate.class);
      if (batch.jobs() == null || batch.jobs().isEmpty() || batch.jobs().size() > MAX_BATCH) {
        throw ApiException.validation("jobs must hold 1 to " + MAX_BATCH + " jobs");
      }
      if (headerKey != null) {
        throw ApiException.validation(
            "Idempotency-Key applies to one job; set idempotency_key per job");
      }
      List<JobRequest> requests = new ArrayList<>();
      for (JobCreate create : batch.jobs()) {
        requests.add(JobRequests.from(create, null));
      }
      List<Submission> submissions = jobs().submitAll(requests);
      List<JobView> views = submissions.stream().map(s -> JobViews.view(job(s), null)).toList();
      int created = (int) submissions.stream().filter(Submission::created).count();
      ctx.status(201).json(new BatchBody(views, created));
      return;
    }
    Submission submission =
        jobs().submitTracked(JobRequests.from(StrictJson.bind(body, JobCreate.class), headerKey));
    ctx.status(submission.created() ? 201 : 200).json(JobViews.view(job(submission), null));
  }

  /** The job as the submit stored it; an earlier job that a key matched is read. */
  private Job job(Submission submission) {
    return submission.job() != null ? submission.job() : jobs().get(submission.id());
  }

  private void list(Context ctx) {
    Page<Job> page = jobs().query(JobQueries.from(ctx));
    List<JobView> views = page.items().stream().map(job -> JobViews.view(job, null)).toList();
    ctx.json(new JobList(views, views.size(), page.nextCursor()));
  }

  private void get(Context ctx) {
    ctx.json(detail(jobs(), id(ctx)));
  }

  /** The job with its executions, each with its recorded steps. */
  static JobView detail(Jobs jobs, JobId id) {
    Job job = jobs.get(id);
    return JobViews.view(
        job, jobs.executions(id), e -> jobs.steps(id, e.occurrence(), e.attempt()));
  }

  private void patch(Context ctx) {
    JobId id = id(ctx);
    JobPatch patch = StrictJson.read(ctx, JobPatch.class);
    Job job = JobRequests.apply(jobs(), id, patch);
    ctx.json(JobViews.view(job, null));
  }

  private void cancel(Context ctx) {
    ctx.json(JobViews.view(jobs().cancel(id(ctx)), null));
  }

  private void screenshots(Context ctx) {
    JobId id = id(ctx);
    jobs().get(id);
    List<ScreenshotView> shots =
        context.automation().evidence().list(id).stream()
            .map(shot -> JobViews.screenshot(id, shot))
            .toList();
    ctx.json(new ScreenshotList(id.value(), shots, shots.size()));
  }

  private void screenshot(Context ctx) {
    JobId id = id(ctx);
    String name = ctx.pathParam("name");
    if (!SCREENSHOT_NAME.matcher(name).matches()) {
      throw ApiException.validation("name must be a screenshot name from the job's list");
    }
    jobs().get(id);
    InputStream png =
        context
            .automation()
            .evidence()
            .open(id, name)
            .orElseThrow(
                () ->
                    new ApiException(
                        404,
                        "NotFoundError",
                        "Screenshot " + name + " of job " + id.value() + " not found"));
    ctx.contentType(Evidence.PNG)
        .header("Content-Disposition", "inline; filename=\"" + name + "\"")
        .header("X-Content-Type-Options", "nosniff")
        .result(png);
  }

  static JobId id(Context ctx) {
    return JobId.parse(ctx.pathParam("id"));
  }
}
