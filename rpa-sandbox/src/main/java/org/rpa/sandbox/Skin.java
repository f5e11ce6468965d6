package org.rpa.sandbox;

/** How one sandbox portal looks: its names, colours and element ids. Each portal differs. */
record Skin(
    String provider,
    String title,
    String colour,
    String userLabel,
    String userId,
    String userName,
    String passwordId,
    String loginButtonId,
    boolean twoStepLogin,
    boolean totp,
    String searchInputId,
    String searchButtonId,
    boolean searchTypeSelect,
    String statusId,
    String cancelLinkId,
    String reasonId,
    String confirmId,
    String referenceId,
    String circuitPrefix) {

  static Skin metroFibre() {
    return new Skin(
        "mfn",
        "MetroFibre Partner Portal",
        "#0a6ebd",
        "Email address",
        "email",
        "email",
        "password",
        "login-btn",
        false,
        false,
        "circuit-search",
        "search-btn",
        false,
        "service-status",
        "cancel-service",
        "cancel-reason",
        "confirm-cancel",
        "cancel-reference",
        "MFN");
  }

  static Skin openserve() {
    return new Skin(
        "osn",
        "Openserve Wholesale",
        "#6b2c91",
        "Work email",
        "loginEmail",
        "loginEmail",
        "loginPassword",
        "signInButton",
        true,
        false,
        "serviceQuery",
        "findService",
        false,
        "svcStatus",
        "requestCancellation",
        "cancellationReason",
        "submitCancellation",
        "orderReference",
        "OSN");
  }

  static Skin octotel() {
    return new Skin(
        "octotel",
        "Octotel ISP Portal",
        "#e2001a",
        "Username",
        "username",
        "username",
        "pass",
        "submit-login",
        false,
        true,
        "q",
        "go",
        false,
        "status-badge",
        "cancel",
        "reason",
        "confirm",
        "ref-no",
        "OCT");
  }

  static Skin evotel() {
    return new Skin(
        "evotel",
        "Evotel Reseller Hub",
        "#008c45",
        "E-mail",
        "user_email",
        "user[email]",
        "user_password",
        "login_submit",
        false,
        false,
        "search_value",
        "search_submit",
        true,
        "line-status",
        "cancel_line",
        "cancel_reason",
        "cancel_confirm",
        "cancel_ref",
        "EVO");
  }
}
