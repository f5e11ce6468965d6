package org.rpa.sandbox;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Four local sandbox portals, one per provider ({@code mfn}, {@code osn}, {@code octotel}, {@code
 * evotel}), each at {@code http://127.0.0.1:<port>/<provider>}: a login (Octotel's with a TOTP code
 * that cannot be reused, Openserve's in two steps), a circuit search, a service page with its
 * status, a cancellation with a confirmation step and a reference number, session expiry and
 * failure switches. Used by the tests, the examples and the demo. Thread-safe.
 */
public final class SandboxPortals implements AutoCloseable {
  public static final List<String> PROVIDERS = List.of("mfn", "osn", "octotel", "evotel");
  private static final String DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  private final Map<String, SandboxPortal> portals = new LinkedHashMap<>();
  private final Javalin app;

  private SandboxPortals(Clock clock) {
    portals.put(
        "mfn", new SandboxPortal(Skin.metroFibre(), clock, "ops@isp.example", "mfn-Pa55", null));
    portals.put(
        "osn", new SandboxPortal(Skin.openserve(), clock, "ops@isp.example", "osn-Pa55", null));
    portals.put(
        "octotel",
        new SandboxPortal(Skin.octotel(), clock, "isp-ops", "oct-Pa55", DEMO_TOTP_SECRET));
    portals.put(
        "evotel", new SandboxPortal(Skin.evotel(), clock, "ops@isp.example", "evo-Pa55", null));
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              for (SandboxPortal portal : portals.values()) {
                String base = "/" + portal.provider();
                config.routes.get(base, ctx -> ctx.redirect(base + "/login"));
                config.routes.get(base + "/login", ctx -> loginPage(ctx, portal));
                config.routes.post(base + "/login", ctx -> login(ctx, portal));
                config.routes.get(base + "/search", ctx -> search(ctx, portal));
                config.routes.get(base + "/service/{circuit}", ctx -> service(ctx, portal));
                config.routes.get(
                    base + "/service/{circuit}/cancel", ctx -> cancelForm(ctx, portal));
                config.routes.post(base + "/service/{circuit}/cancel", ctx -> confirm(ctx, portal));
                config.routes.post(base + "/service/{circuit}/confirm", ctx -> cancel(ctx, portal));
              }
            });
  }

  /** Starts the portals on 127.0.0.1 and a free port, on the system clock. */
  public static SandboxPortals start() {
    return start(Clock.systemUTC());
  }

  /** Starts the portals on 127.0.0.1 and a free port; sessions and TOTP read {@code clock}. */
  public static SandboxPortals start(Clock clock) {
    SandboxPortals portals = new SandboxPortals(Objects.requireNonNull(clock, "clock"));
    portals.app.start("127.0.0.1", 0);
    return portals;
  }

  public int port() {
    return app.port();
  }

  /** The base URL of one portal, such as {@code http://127.0.0.1:41234/mfn}. */
  public String url(String provider) {
    portal(provider);
    return "http://127.0.0.1:" + port() + "/" + provider;
  }

  public SandboxPortal portal(String provider) {
    return Optional.ofNullable(portals.get(provider))
        .orElseThrow(() -> new NoSuchElementException("No sandbox portal " + provider));
  }

  /**
   * The variables the flows read (the documented names) for these portals, to write into a secrets
   * directory or an environment. The sandbox's demo credentials, never real ones.
   */
  public Map<String, String> variables() {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String provider : PROVIDERS) {
      vars.putAll(variables(provider));
    }
    return vars;
  }

  /**
   * The variables of one provider's flows for its portal here: its URL, account and, for {@code
   * octotel}, the TOTP secret.
   *
   * @throws NoSuchElementException for a provider without a sandbox portal
   */
  public Map<String, String> variables(String provider) {
    SandboxPortal portal = portal(provider);
    Map<String, String> vars = new LinkedHashMap<>();
    switch (provider) {
      case "mfn" -> account(vars, "METROFIBER", "EMAIL", portal);
      case "osn" -> account(vars, "OPENSERVE", "EMAIL", portal);
      case "octotel" -> {
        account(vars, "OCTOTEL", "USERNAME", portal);
        vars.put("OCTOTEL_TOTP_SECRET", DEMO_TOTP_SECRET);
      }
      case "evotel" -> account(vars, "EVOTEL", "EMAIL", portal);
      default -> throw new NoSuchElementException("No sandbox portal " + provider);
    }
    return vars;
  }

  private void account(Map<String, String> vars, String prefix, String user, SandboxPortal portal) {
    vars.put(prefix + "_URL", url(portal.provider()));
    vars.put(prefix + "_" + user, portal.username());
    vars.put(prefix + "_PASSWORD", portal.password());
  }

  @Override
  public void close() {
    app.stop();
  }

  private static boolean prelude(Context ctx, SandboxPortal portal) {
    long delay = portal.slowness().toNanos();
    if (delay > 0) {
      LockSupport.parkNanos(delay); // the "slow page" switch: a deliberately slow response
    }
    if (portal.takeErrorPage()) {
      ctx.status(500).html(pages(portal).error());
      return false;
    }
    return true;
  }

  private static Pages pages(SandboxPortal portal) {
    return new Pages(portal.skin, portal.changedIds());
  }

  private static String cookie(SandboxPortal portal) {
    return "sandbox_" + portal.provider();
  }

  private static boolean signedIn(Context ctx, SandboxPortal portal) {
    if (portal.touch(ctx.cookie(cookie(portal)))) {
      return true;
    }
    ctx.html(pages(portal).login("Your session has expired. Please sign in again.", "", false));
    return false;
  }

  private static void loginPage(Context ctx, SandboxPortal portal) {
    if (prelude(ctx, portal)) {
      ctx.html(pages(portal).login(null, "", false));
    }
  }

  private static void login(Context ctx, SandboxPortal portal) {
    if (!prelude(ctx, portal)) {
      return;
    }
    String user = ctx.formParam(portal.skin.userName());
    String password = ctx.formParam("password");
    if (portal.skin.twoStepLogin() && password == null) {
      ctx.html(pages(portal).login(null, user, true));
      return;
    }
    var outcome = portal.login(user, password, ctx.formParam("otp"));
    if (outcome.token() == null) {
      ctx.status(401).html(pages(portal).login(outcome.error(), user, portal.skin.twoStepLogin()));
      return;
    }
    ctx.cookie(cookie(portal), outcome.token());
    ctx.redirect("/" + portal.provider() + "/search");
  }

  private static void search(Context ctx, SandboxPortal portal) {
    if (!prelude(ctx, portal) || !signedIn(ctx, portal)) {
      return;
    }
    String query = ctx.queryParam("q");
    if (query == null || query.isBlank()) {
      ctx.html(pages(portal).search(null));
      return;
    }
    String type = ctx.queryParam("type");
    if (portal.skin.searchTypeSelect() && !"circuit".equals(type)) {
      ctx.html(pages(portal).search("No account " + Pages.escape(query)));
      return;
    }
    String circuit = query.trim().toUpperCase(java.util.Locale.ROOT);
    if (portal.status(circuit).isEmpty()) {
      ctx.html(pages(portal).search("No service found for " + Pages.escape(query)));
      return;
    }
    ctx.redirect("/" + portal.provider() + "/service/" + circuit);
  }

  private static Optional<String> circuit(Context ctx, SandboxPortal portal) {
    String circuit = ctx.pathParam("circuit");
    if (portal.status(circuit).isEmpty()) {
      ctx.status(404).html(pages(portal).search("No service found for " + Pages.escape(circuit)));
      return Optional.empty();
    }
    return Optional.of(circuit);
  }

  private static void service(Context ctx, SandboxPortal portal) {
    if (prelude(ctx, portal) && signedIn(ctx, portal)) {
      circuit(ctx, portal)
          .ifPresent(c -> ctx.html(pages(portal).service(c, portal.status(c).orElseThrow())));
    }
  }

  private static void cancelForm(Context ctx, SandboxPortal portal) {
    if (prelude(ctx, portal) && signedIn(ctx, portal)) {
      circuit(ctx, portal).ifPresent(c -> ctx.html(pages(portal).cancelForm(c)));
    }
  }

  private static void confirm(Context ctx, SandboxPortal portal) {
    if (prelude(ctx, portal) && signedIn(ctx, portal)) {
      circuit(ctx, portal)
          .ifPresent(c -> ctx.html(pages(portal).confirm(c, ctx.formParam("reason"))));
    }
  }

  private static void cancel(Context ctx, SandboxPortal portal) {
    if (prelude(ctx, portal) && signedIn(ctx, portal)) {
      circuit(ctx, portal).ifPresent(c -> ctx.html(pages(portal).cancelled(c, portal.cancel(c))));
    }
  }

  /** The current code of the demo TOTP secret, for a person trying the Octotel sandbox by hand. */
  public String demoCode(Clock clock) {
    return new PortalTotp(DEMO_TOTP_SECRET).codeAt(PortalTotp.stepOf(clock.instant()));
  }
}
