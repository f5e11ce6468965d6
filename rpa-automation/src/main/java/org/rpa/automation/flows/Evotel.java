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

  @Override
  void login(FlowContext flow) {
    open(flow, flow.secret("EVOTEL_URL") + "/login")
        .fill(EMAIL, flow.secret("EVOTEL_EMAIL"))
        .fillSecret(PASSWORD, flow.secret("EVOTEL_PASSWORD"))
        .click(LOGIN);
    afterLogin(flow.steps());
  }

  @Override
  void search(FlowContext flow, String circuit) {
    flow.steps().select(TYPE, "Circuit ID").fill(SEARCH, circuit).click(GO);
    afterSearch(flow.steps(), circuit);
  }

  @Override
  Element status() {
    return Element.byId("line status", "line-status", "status");
  }

  @Override
  Element cancelLink() {
    return Element.byId("cancel line", "cancel_line", "cancel");
  }

  @Override
  Element reason() {
    return Element.byId("reason", "cancel_reason", "reason");
  }

  @Override
  Element confirm() {
    return Element.byId("confirm", "cancel_confirm", "confirm");
  }

  @Override
  Element reference() {
    return Element.byId("reference", "cancel_ref", "reference");
  }
}
