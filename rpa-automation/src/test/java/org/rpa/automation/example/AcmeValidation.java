package org.rpa.automation.example;

import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.rpa.automation.Element;
import org.rpa.automation.Flow;
import org.rpa.automation.FlowContext;
import org.rpa.automation.FlowFailure;
import org.rpa.automation.Steps;

/**
 * The example of docs/automations.md: a validation flow for a new provider, {@code acme}. Its
 * portal looks like the MetroFibre sandbox, which {@code WritingAFlowIT} points {@code ACME_URL}
 * at. Elements list their locators best first; a later one that matches heals the step.
 */
public final class AcmeValidation implements Flow {
  static final Element EMAIL = Element.byId("email", "email", "user");
  static final Element PASSWORD = Element.byId("password", "password", "password");
  static final Element SIGN_IN =
      Element.of(
          "sign in",
          By.id("login-btn"),
          By.cssSelector("[data-qa='login']"),
          By.xpath("//button[normalize-space()='Sign in']"));
  static final Element LOGIN_ERROR = Element.of("login error", By.id("login-error"));
  static final Element SEARCH = Element.byId("circuit search", "circuit-search", "search");
  static final Element GO = Element.byId("search", "search-btn", "search-go");
  static final Element NOT_FOUND = Element.of("search message", By.id("search-message"));
  static final Element STATUS = Element.byId("service status", "service-status", "status");

  @Override
  public Map<String, Object> run(FlowContext flow) {
    String circuit = flow.circuitNumber();
    Steps steps = flow.steps();
    steps
        .open(flow.secret("ACME_URL") + "/login")
        .fill(EMAIL, flow.secret("ACME_EMAIL"))
        .fillSecret(PASSWORD, flow.secret("ACME_PASSWORD"))
        .click(SIGN_IN);
    if (steps.isShown(LOGIN_ERROR, Duration.ZERO)) {
      // Technical: retried while attempts remain (a portal may refuse a login by mistake).
      throw FlowFailure.technical("AuthenticationError", steps.read(LOGIN_ERROR));
    }
    steps.fill(SEARCH, circuit).click(GO);
    // Wait for the result page: the status, or else (after the wait) the "not found" message.
    if (!steps.isShown(STATUS, Duration.ofSeconds(5)) && steps.isShown(NOT_FOUND, Duration.ZERO)) {
      // Business: the answer is no; never retried.
      throw FlowFailure.business("CircuitNotFound", "No service " + circuit);
    }
    String status = steps.read(STATUS);
    steps.screenshot("service " + circuit);
    return Map.of("service_status", status);
  }
}
