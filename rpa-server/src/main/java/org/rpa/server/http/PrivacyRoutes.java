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

/**
 * Seed 000's POPIA routes: {@code POST /privacy/data-request} records a data subject's request
 * under a reference (in the audit log; the request itself is handled by the data protection
 * officer), and {@code GET /privacy/notice} states the contact and the retention.
 *
 * <p>Thread-safe.
 */
public final class PrivacyRoutes {
  static final Set<String> TYPES = Set.of("access", "correction", "deletion");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,189}$");
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuuMMdd").withZone(ZoneOffset.UTC);

  record DataRequest(String requestType, String email, String name, String details) {}

  record DataRequestBody(
      String status,
      String reference,
      String requestType,
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
  private final SecureRandom random = new SecureRandom();

  public PrivacyRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get(
                "/privacy/data-request",
                "privacy",
                "Submit a POPIA data subject request",
                DataRequestBody.class,
                this::request)
            .post(202)
            .body(DataRequest.class, "application/json"),
        ApiRoute.get(
            "/privacy/notice", "privacy", "The privacy notice", NoticeBody.class, this::notice));
  }

  private void request(Context ctx) {
    DataRequest request = Bodies.read(ctx, DataRequest.class);
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
    byte[] suffix = new byte[4];
    random.nextBytes(suffix);
    String reference =
        "DSR-" + DAY.format(context.clock().instant()) + "-" + HexFormat.of().formatHex(suffix);
    // The subject's address is personal data: the audit line carries the reference only.
    context
        .audit()
        .record("anonymous", "privacy:" + request.requestType(), reference, ctx.ip(), "received");
    ctx.status(202)
        .json(
            new DataRequestBody(
                "received",
                reference,
                request.requestType(),
                "Your request has been received; the data protection officer will respond within 30 days",
                context.config().dataProtectionContact(),
                context.now()));
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
            "POST /privacy/data-request with request_type, email and optional details"));
  }
}
