package org.rpa.automation.flows;

import org.rpa.automation.Element;
import org.rpa.automation.FlowContext;

/** Evotel ({@code evotel}): a search that must be switched to "Circuit ID" first. */
final class Evotel extends PortalFlow {
  private static final Element EMAIL = Element.byId("email", "user_email", "user");
  private static final Element PASSWORD = Element.byId("password", "user_password", "password");
  private static final Element LOGIN = Element.byId("sign in", "login_submit", "login");
  private static final Element TYPE = Element.byId("search type", "search_type", "search-type");
  private static final Element SEARCH = Element.byId("search value", "search_value", "search");
  private static final Element GO = Element.byId("search", "search_submit", "search-go");

  Evotel() {
    super(
        new ServicePage(
            Element.byId("line status", "line-status", "status"),
            Element.byId("cancel line", "cancel_line", "cancel"),
            Element.byId("reason", "cancel_reason", "reason"),
            Element.byId("confirm", "cancel_confirm", "confirm"),
            Element.byId("reference", "cancel_ref", "reference")));
  }

  @Override
  void login(FlowContext flow) {
    open(flow, flow.secret("EVOTEL_URL") + "/login")
        .fill(EMAIL, flow.secret("EVOTEL_EMAIL"))
        .fillSecret(PASSWORD, flow.secret("EVOTEL_PASSWORD"))
        .click(LOGIN);
    afterLogin(flow.steps(), TYPE);
  }

  @Override
  void search(FlowContext flow, String circuit) {
    flow.steps().select(TYPE, "Circuit ID").fill(SEARCH, circuit).click(GO);
    afterSearch(flow.steps(), circuit);
  }
}
