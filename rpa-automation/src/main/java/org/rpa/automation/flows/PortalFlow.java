package org.rpa.automation.flows;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openqa.selenium.By;
import org.rpa.automation.Element;
import org.rpa.automation.Flow;
import org.rpa.automation.FlowContext;
import org.rpa.automation.FlowFailure;
import org.rpa.automation.Steps;

/**
 * What the four sandbox-shaped portals share: after a provider-specific login and search, a service
 * page with a status, and a cancellation with a reason, a confirmation and a reference.
 */
abstract class PortalFlow {
  static final Element ERROR_PAGE =
      Element.of("error page", By.id("error-page"), By.cssSelector("[data-qa='error-page']"));
  static final Element LOGIN_ERROR = Element.of("login error", By.id("login-error"));
  static final Element SEARCH_MESSAGE = Element.of("search message", By.id("search-message"));
  static final Element CANCEL_NEXT = Element.byId("continue", "cancel-next", "cancel-next");

  /** Signs in; ends on the search page. */
  abstract void login(FlowContext flow) throws Exception;

  /** Searches for the circuit; ends on its service page. */
  abstract void search(FlowContext flow, String circuit);

  /** Where a portal's service page shows the status, and its cancellation's elements. */
  record ServicePage(
      Element status, Element cancelLink, Element reason, Element confirm, Element reference) {}

  private final ServicePage page;

  PortalFlow(ServicePage page) {
    this.page = page;
  }

  final Flow validation() {
    return flow -> {
      String circuit = flow.circuitNumber();
      login(flow);
      search(flow, circuit);
      String status = flow.steps().read(page.status());
      flow.steps().screenshot("service " + circuit);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("service_status", status);
      details.put("circuit_found", true);
      details.put("is_active", "Active".equalsIgnoreCase(status));
      return details;
    };
  }

  final Flow cancellation() {
    return flow -> {
      String circuit = flow.circuitNumber();
      String reason = String.valueOf(flow.params().getOrDefault("reason", "Customer request"));
      login(flow);
      search(flow, circuit);
      Steps steps = flow.steps();
      String status = steps.read(page.status());
      if (!"Active".equalsIgnoreCase(status)) {
        throw FlowFailure.business(
            "ServiceNotCancellable", "Circuit " + circuit + " is " + status + ", not Active");
      }
      steps.click(page.cancelLink()).select(page.reason(), reason).click(CANCEL_NEXT);
      checkPage(steps, page.confirm());
      steps.click(page.confirm());
      checkPage(steps, page.reference());
      String reference = steps.read(page.reference());
      steps.screenshot("cancelled " + circuit);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("cancellation_reference", reference);
      details.put("previous_status", status);
      details.put("reason", reason);
      return details;
    };
  }

  /** Opens a page and stops at once, as a technical failure, if the portal shows its error page. */
  static Steps open(FlowContext flow, String url) {
    flow.steps().open(url);
    if (flow.steps().isShown(ERROR_PAGE, Duration.ZERO)) {
      portalError(flow.steps());
    }
    return flow.steps();
  }

  /**
   * After the sign-in's submit, waits for the page it leads to: {@code next} (an element of the
   * search page) shown means signed in; the form's error becomes AuthenticationError, the portal's
   * error page a technical failure. Looking once at once would read the login page still shown
   * while the submit's response is on its way.
   */
  static void afterLogin(Steps steps, Element next) {
    Element shown = steps.firstShown(ERROR_PAGE, LOGIN_ERROR, next).orElse(null);
    if (shown == ERROR_PAGE) {
      portalError(steps);
    }
    if (shown == LOGIN_ERROR) {
      String message = steps.read(LOGIN_ERROR);
      steps.screenshot("login refused");
      if (message.contains("locked")) {
        throw FlowFailure.business("AuthenticationError", message);
      }
      throw FlowFailure.technical("AuthenticationError", message);
    }
  }

  /** After a submit, waits for {@code next} or the portal's error page, a technical failure. */
  static void checkPage(Steps steps, Element next) {
    if (steps.firstShown(ERROR_PAGE, next).orElse(null) == ERROR_PAGE) {
      portalError(steps);
    }
  }

  private static void portalError(Steps steps) {
    steps.screenshot("portal error");
    throw FlowFailure.technical("PortalError", "The portal showed an error page");
  }

  /**
   * After the search's submit, waits for the service page's status, the search's message (an
   * expired session is technical, anything else CircuitNotFound) or the portal's error page.
   */
  final void afterSearch(Steps steps, String circuit) {
    Element shown = steps.firstShown(ERROR_PAGE, SEARCH_MESSAGE, page.status()).orElse(null);
    if (shown == ERROR_PAGE) {
      portalError(steps);
    }
    if (shown == SEARCH_MESSAGE) {
      String message = steps.read(SEARCH_MESSAGE);
      if (message.contains("expired")) {
        throw FlowFailure.technical("SessionExpired", message);
      }
      throw FlowFailure.business("CircuitNotFound", "No service found for " + circuit);
    }
  }
}
