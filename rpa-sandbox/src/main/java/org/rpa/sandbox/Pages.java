package org.rpa.sandbox;

/** The HTML of one portal's pages, laid out after its {@link Skin}. */
final class Pages {
  private final Skin skin;
  private final boolean changed;

  Pages(Skin skin, boolean changed) {
    this.skin = skin;
    this.changed = changed;
  }

  /** An id the flows look for first; renamed while the "changed element id" switch is on. */
  private String id(String id) {
    return changed ? id + "-v2" : id;
  }

  private String base() {
    return "/" + skin.provider();
  }

  String page(String heading, String body) {
    String nav =
        switch (skin.provider()) {
          case "mfn" -> "<aside class=side><b>MetroFibre</b><br>Services<br>Orders</aside>";
          case "osn" -> "<nav class=top><b>openserve</b> | Services | Orders | Faults</nav>";
          case "octotel" -> "<header><h2>OCTOTEL</h2></header>";
          default -> "<div class=banner>EVOTEL reseller hub</div>";
        };
    return "<!doctype html><html><head><meta charset=utf-8><title>"
        + skin.title()
        + "</title><style>body{font-family:sans-serif;margin:0}"
        + "aside,nav,header,.banner{background:"
        + skin.colour()
        + ";color:#fff;padding:12px}main{padding:20px}.err{color:#b00}</style></head><body>"
        + nav
        + "<main><h1>"
        + heading
        + "</h1>"
        + body
        + "</main></body></html>";
  }

  String login(String error, String user, boolean passwordStep) {
    String message =
        error == null ? "" : "<p class=err id=login-error role=alert>" + error + "</p>";
    StringBuilder form = new StringBuilder("<form method=post action='" + base() + "/login'>");
    if (skin.twoStepLogin() && !passwordStep) {
      form.append(userInput(""))
          .append("<button type=submit id=next-btn name=next>Next</button></form>");
      return page("Sign in", message + form);
    }
    if (skin.twoStepLogin()) {
      form.append("<p>Signed in as <b>")
          .append(escape(user))
          .append("</b></p>")
          .append("<input type=hidden name='")
          .append(skin.userName())
          .append("' value='")
          .append(escape(user))
          .append("'>");
    } else {
      form.append(userInput(""));
    }
    form.append("<label>Password <input type=password id='")
        .append(skin.passwordId())
        .append("' name=password data-qa=password></label><br>");
    if (skin.totp()) {
      form.append(
          "<label>Authenticator code <input id=otp name=otp inputmode=numeric "
              + "autocomplete=one-time-code data-qa=otp></label><br>");
    }
    form.append("<button type=submit id='")
        .append(id(skin.loginButtonId()))
        .append("' name=login data-qa=login>Sign in</button></form>");
    return page("Sign in", message + form);
  }

  private String userInput(String value) {
    return "<label>"
        + skin.userLabel()
        + " <input id='"
        + skin.userId()
        + "' name='"
        + skin.userName()
        + "' value='"
        + escape(value)
        + "' data-qa=user></label><br>";
  }

  String search(String message) {
    String type =
        skin.searchTypeSelect()
            ? "<select id=search_type name=type data-qa=search-type>"
                + "<option value=account>Account number</option>"
                + "<option value=circuit>Circuit ID</option></select>"
            : "";
    String note = message == null ? "" : "<p id=search-message class=err>" + message + "</p>";
    return page(
        "Find a service",
        note
            + "<form method=get action='"
            + base()
            + "/search'>"
            + type
            + "<input id='"
            + id(skin.searchInputId())
            + "' name=q data-qa=search "
            + "placeholder='Circuit number'>"
            + "<button type=submit id='"
            + skin.searchButtonId()
            + "' data-qa=search-go>"
            + "Search</button></form>");
  }

  String service(String circuit, String status) {
    String cancel =
        "Active".equals(status)
            ? "<a id='"
                + skin.cancelLinkId()
                + "' data-qa=cancel href='"
                + base()
                + "/service/"
                + circuit
                + "/cancel'>Cancel this service</a>"
            : "";
    String details =
        switch (skin.provider()) {
          case "evotel" ->
              "<dl><dt>Line</dt><dd id=circuit-id>"
                  + circuit
                  + "</dd><dt>Status</dt><dd id='"
                  + skin.statusId()
                  + "' data-qa=status>"
                  + status
                  + "</dd></dl>";
          default ->
              "<table><tr><th>Circuit</th><td id=circuit-id>"
                  + circuit
                  + "</td></tr><tr><th>Status</th><td><span id='"
                  + skin.statusId()
                  + "' data-qa=status>"
                  + status
                  + "</span></td></tr></table>";
        };
    return page("Service " + circuit, details + cancel);
  }

  String cancelForm(String circuit) {
    return page(
        "Cancel " + circuit,
        "<form method=post action='"
            + base()
            + "/service/"
            + circuit
            + "/cancel'>"
            + "<label>Reason <select id='"
            + skin.reasonId()
            + "' name=reason data-qa=reason>"
            + "<option>Customer request</option><option>Moved premises</option>"
            + "<option>Changed provider</option></select></label>"
            + "<button type=submit id=cancel-next data-qa=cancel-next>Continue</button></form>");
  }

  String confirm(String circuit, String reason) {
    return page(
        "Confirm cancellation",
        "<p>Cancel <b>"
            + circuit
            + "</b> because: "
            + escape(reason)
            + "?</p>"
            + "<form method=post action='"
            + base()
            + "/service/"
            + circuit
            + "/confirm'>"
            + "<input type=hidden name=reason value='"
            + escape(reason)
            + "'>"
            + "<button type=submit id='"
            + skin.confirmId()
            + "' data-qa=confirm>"
            + "Yes, cancel the service</button></form>");
  }

  String cancelled(String circuit, String reference) {
    return page(
        "Cancellation submitted",
        "<p>Circuit "
            + circuit
            + " is pending cancellation.</p><p>Reference: <b id='"
            + skin.referenceId()
            + "' data-qa=reference>"
            + reference
            + "</b></p>");
  }

  String error() {
    return page(
        "Service temporarily unavailable",
        "<p id=error-page data-qa=error-page>Something went wrong. Please try again later.</p>");
  }

  static String escape(String text) {
    return text == null
        ? ""
        : text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("'", "&#39;")
            .replace("\"", "&quot;");
  }
}
