package org.rpa.automation.flows;

import org.openqa.selenium.By;
import org.rpa.automation.Element;
import org.rpa.automation.FlowContext;

/** Openserve ({@code osn}): a two-step sign-in (email, then password) and a service query. */
final class Openserve extends PortalFlow {
  private static final Element EMAIL = Element.byId("email", "loginEmail", "user");
  private static final Element NEXT = Element.of("next", By.id("next-btn"), By.name("next"));
  private static final Element PASSWORD = Element.byId("password", "loginPassword", "password");
  private static final Element LOGIN = Element.byId("sign in", "signInButton", "login");
  private static final Element SEARCH = Element.byId("service query", "serviceQuery", "search");
  private static final Element GO = Element.byId("find service", "findService", "search-go");

  Openserve() {
    super(
        new ServicePage(
            Element.byId("service status", "svcStatus", "status"),
            Element.byId("request cancellation", "requestCancellation", "cancel"),
            Element.byId("reason", "cancellationReason", "reason"),
            Element.byId("confirm", "submitCancellation", "confirm"),
            Element.byId("order reference", "orderReference", "reference")));
  }

  @Override
  void login(FlowContext flow) {
    open(flow, flow.secret("OPENSERVE_URL") + "/login")
        .fill(EMAIL, flow.secret("OPENSERVE_EMAIL"))
        .click(NEXT);
    checkPage(flow.steps(), PASSWORD);
    flow.steps().fillSecret(PASSWORD, flow.secret("OPENSERVE_PASSWORD")).click(LOGIN);
    afterLogin(flow.steps(), SEARCH);
  }

  @Override
  void search(FlowContext flow, String circuit) {
    flow.steps().fill(SEARCH, circuit).click(GO);
    afterSearch(flow.steps(), circuit);
  }
}
