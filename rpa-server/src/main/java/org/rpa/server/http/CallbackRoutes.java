package org.rpa.server.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rpa.core.remote.RemoteResult;
import org.rpa.core.remote.RemoteWorkers;
import org.rpa.server.worker.CallbackCredentials;
import org.rpa.server.worker.ResultCodec;
import org.rpa.server.worker.WorkerProtocol;

/**
 * {@code POST /callbacks/job-complete}: a remote worker reports how one attempt ended. The caller
 * sends the shared {@code WORKER_AUTH_TOKEN} as a bearer token, and the result carries the
 * credential the orchestrator gave with that attempt ({@link CallbackCredentials}): a result whose
 * credential is missing or is not the one of the job, occurrence, attempt and executor it names is
 * 403 and changes nothing. Idempotent per job and attempt: a repeated report is answered 200 {@code
 * duplicate} and changes nothing; a report for an unknown job is 404, for a job that is final or
 * leased to another attempt or worker 409.
 *
 * <p>Thread-safe.
 */
final class CallbackRoutes {
  /** The body a worker sends (documentation of the wire format). */
  record CallbackBody(
      long jobId,
      int occurrence,
      int attempt,
      String executorId,
      String workerId,
      String idempotencyKey,
      String status,
      String executionStatus,
      Map<String, Object> result,
      String error,
      String errorType,
      boolean retryable,
      Long durationMs,
      List<Map<String, Object>> steps,
      String callbackCredential) {}

  record CallbackAck(String status, long jobId, int attempt) {}

  private final ServerContext context;
  private final String token;
  private final CallbackCredentials credentials;

  /**
   * @param token the shared worker token; null accepts callers without one (DEVELOPMENT_MODE)
   */
  CallbackRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
    this.token = context.workers().authToken();
    this.credentials = CallbackCredentials.derivedFrom(context.config().jwtSecret());
  }

  /**
   * Where workers report results. Not held to the per-address rate limit: each report answers a
   * dispatch (its token and credential checked), so their number is bounded by the jobs handed out,
   * and a busy worker sends more than the limit allows one client.
   */
  static final String PATH = "/callbacks/job-complete";

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
                PATH,
                "workers",
                "A remote worker reports the result of one attempt (worker token)",
                CallbackAck.class,
                this::complete)
            .post(200)
            .body(CallbackBody.class, "application/json")
            .errors(401, 403, 404, 409));
  }

  private void complete(Context ctx) {
    String outcome = "failed";
    try {
      outcome = record(ctx);
    } finally {
      context
          .audit()
          .record("worker", "callback:complete", ctx.path(), context.clientAddress(ctx), outcome);
    }
  }

  private String record(Context ctx) {
    checkToken(ctx.header("Authorization"));
    StrictJson.object(ctx);
    RemoteResult result;
    try {
      result = ResultCodec.readResult(ctx.bodyAsBytes());
    } catch (WorkerProtocol.BadInput e) {
      throw ApiException.validation(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw ApiException.validation(e.getMessage());
    }
    // The result is applied only if the job is leased to exactly this job, occurrence, attempt and
    // executor, so a valid credential for them is the credential of the job's current dispatch.
    if (!credentials.verify(
        result.credential(),
        result.jobId(),
        result.occurrence(),
        result.attempt(),
        result.executorId())) {
      throw new ApiException(
          403,
          "PermissionError",
          "The result does not carry the credential of the dispatch of job "
              + result.jobId()
              + " attempt "
              + result.attempt()
              + " to "
              + result.executorId());
    }
    RemoteWorkers workers =
        context
            .orchestrator()
            .remoteWorkers()
            .orElseThrow(
                () ->
                    new ApiException(
                        409, "ConflictError", "This orchestrator sends no jobs to remote workers"));
    String outcome =
        switch (workers.complete(result)) {
          case APPLIED -> "recorded";
          case DUPLICATE -> "duplicate";
          case UNKNOWN_JOB ->
              throw new ApiException(404, "NotFoundError", "Job " + result.jobId() + " not found");
          case CONFLICT ->
              throw new ApiException(
                  409,
                  "ConflictError",
                  "Job "
                      + result.jobId()
                      + " is not running attempt "
                      + result.attempt()
                      + " on "
                      + result.executorId());
        };
    ctx.json(new CallbackAck(outcome, result.jobId(), result.attempt()));
    return outcome + " job " + result.jobId() + " attempt " + result.attempt();
  }

  private void checkToken(String header) {
    if (token == null) {
      return;
    }
    boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    if (!bearer
        || !MessageDigest.isEqual(
            header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
            token.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(401, "AuthenticationError", "Could not validate credentials");
    }
  }
}
