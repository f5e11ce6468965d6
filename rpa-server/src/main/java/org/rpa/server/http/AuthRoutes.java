package org.rpa.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.rpa.server.security.Principal;
import org.rpa.server.security.RateLimiter;

/**
 * {@code POST /token} and {@code POST /auth/token}: the OAuth2 password form. Each login attempt
 * takes one of its client address's {@code LOGIN_MAX_FAILURES} slots per {@code
 * LOGIN_LOCKOUT_MINUTES} window before the password is checked, so no more than that many passwords
 * are ever checked per window, however many requests arrive at once; a successful login gives the
 * slots back. Without a slot the address gets 429 with {@code Retry-After} until the window ends,
 * even with the right password.
 *
 * <p>Thread-safe.
 */
public final class AuthRoutes {
  static final String INCORRECT = "Incorrect username or password";
  private static final Set<String> FIELDS =
      Set.of("username", "password", "grant_type", "scope", "client_id", "client_secret");

  /** The OAuth2 password form, as documented in the API description. */
  record TokenForm(String username, String password, String grantType, String scope) {}

  record TokenBody(String accessToken, String tokenType, long expiresIn) {}

  private final ServerContext context;
  private final RateLimiter failures;

  public AuthRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
    this.failures =
        new RateLimiter(
            context.config().loginMaxFailures(), context.config().loginLockout(), context.clock());
  }

  List<ApiRoute> routes() {
    ApiRoute token =
        ApiRoute.route(
                "/token",
                "auth",
                "Obtain a JWT (OAuth2 password form)",
                TokenBody.class,
                this::token)
            .post(200)
            .body(TokenForm.class, "application/x-www-form-urlencoded")
            .errors(401);
    return List.of(token, token.withPath("/auth/token"));
  }

  private void token(Context ctx) {
    String type = ctx.contentType();
    if (type == null
        || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw new ApiException(
          415,
          "UnsupportedMediaTypeError",
          "Content-Type must be application/x-www-form-urlencoded");
    }
    Map<String, List<String>> form = ctx.formParamMap();
    for (String field : form.keySet()) {
      if (!FIELDS.contains(field)) {
        throw ApiException.validation("Unknown field '" + field + "'");
      }
    }
    String username = single(form, "username");
    String password = single(form, "password");
    String grant = form.containsKey("grant_type") ? single(form, "grant_type") : "password";
    if (!grant.equals("password")) {
      throw ApiException.validation("grant_type must be password, but was " + grant);
    }
    String address = context.clientAddress(ctx);
    RateLimiter.Decision throttle = failures.reserve(address);
    if (!throttle.allowed()) {
      context.audit().record(username, "login", "/token", address, "throttled");
      throw new ApiException(
          429,
          "RateLimitError",
          "Too many failed login attempts; try again later",
          Map.of("Retry-After", String.valueOf(throttle.retryAfterSeconds())));
    }
    Principal principal =
        context
            .users()
            .authenticate(username, password)
            .orElseGet(
                () -> {
                  context.audit().record(username, "login", ctx.path(), address, "failed");
                  throw new ApiException(
                      401, "AuthenticationError", INCORRECT, Map.of("WWW-Authenticate", "Bearer"));
                });
    failures.reset(address);
    context.audit().record(principal.username(), "login", ctx.path(), address, "success");
    ctx.json(
        new TokenBody(
            context.tokens().issue(principal), "bearer", context.tokens().lifetimeSeconds()));
  }

  private static String single(Map<String, List<String>> form, String field) {
    List<String> values = form.get(field);
    if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
      throw ApiException.validation("Field '" + field + "' is required");
    }
    if (values.size() > 1) {
      throw ApiException.validation("Field '" + field + "' must be given once");
    }
    return values.get(0);
  }
}
