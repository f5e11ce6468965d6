package org.rpa.automation.flows;

import org.openqa.selenium.By;
import org.rpa.automation.Element;
import org.rpa.automation.FlowContext;

/** MetroFibre ({@code mfn}): email and password, a search box, a table with the status. */
final class MetroFibre extends PortalFlow {
  private static final Element EMAIL = Element.byId("email", "email", "user");
  private static final Element PASSWORD = Element.byId("password", "password", "password");
  private static final Element LOGIN =
      Element.of(
          "sign in",
          By.id("login-btn"),
          By.cssSelector("[data-qa='login']"),
          By.xpath("//button[normalize-space()='Sign in']"));
  private static final Element SEARCH = Element.byId("circuit search", "circuit-search", "search");
  private static final Element GO = Element.byId("search", "search-btn", "search-go");

  MetroFibre() {
    super(
        new ServicePage(
            Element.byId("service status", "service-status", "status"),
            Element.byId("cancel service", "cancel-service", "cancel"),
            Element.byId("reason", "cancel-reason", "reason"),
            Element.byId("confirm", "confirm-cancel", "confirm"),
            Element.byId("reference", "cancel-reference", "reference")));
  }

  @Override
  void login(FlowContext flow) {
    open(flow, flow.secret("METROFIBER_URL") + "/login")
        .fill(EMAIL, flow.secret("METROFIBER_EMAIL"))
        .fillSecret(PASSWORD, flow.secret("METROFIBER_PASSWORD"))
        .click(LOGIN);
    afterLogin(flow.steps(), SEARCH);
  }

  @Override
  void search(FlowContext flow, String circuit) {
    flow.steps().fill(SEARCH, circuit).click(GO);
    afterSearch(flow.steps(), circuit);
  }
}
