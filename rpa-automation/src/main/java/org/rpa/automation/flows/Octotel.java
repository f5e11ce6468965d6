package org.rpa.automation.flows;

import org.rpa.automation.Element;
import org.rpa.automation.FlowContext;

/** Octotel ({@code octotel}): username, password and an authenticator code (TOTP). */
final class Octotel extends PortalFlow {
  private static final Element USER = Element.byId("username", "username", "user");
  private static final Element PASSWORD = Element.byId("password", "pass", "password");
  private static final Element CODE = Element.byId("authenticator code", "otp", "otp");
  private static final Element LOGIN = Element.byId("sign in", "submit-login", "login");
  private static final Element SEARCH = Element.byId("search", "q", "search");
  private static final Element GO = Element.byId("go", "go", "search-go");

  Octotel() {
    super(
        new ServicePage(
            Element.byId("status", "status-badge", "status"),
            Element.byId("cancel", "cancel", "cancel"),
            Element.byId("reason", "reason", "reason"),
            Element.byId("confirm", "confirm", "confirm"),
            Element.byId("reference", "ref-no", "reference")));
  }

  @Override
  void login(FlowContext flow) throws InterruptedException {
    open(flow, flow.secret("OCTOTEL_URL") + "/login")
        .fill(USER, flow.secret("OCTOTEL_USERNAME"))
        .fillSecret(PASSWORD, flow.secret("OCTOTEL_PASSWORD"));
    // the code is spent as late as possible, right before the submit
    flow.steps().fillSecret(CODE, flow.totpCode("OCTOTEL_TOTP_SECRET")).click(LOGIN);
    afterLogin(flow.steps(), SEARCH);
  }

  @Override
  void search(FlowContext flow, String circuit) {
    flow.steps().fill(SEARCH, circuit).click(GO);
    afterSearch(flow.steps(), circuit);
  }
}
