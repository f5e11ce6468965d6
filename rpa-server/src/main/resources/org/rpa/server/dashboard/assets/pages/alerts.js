// Alerts: every rule as the orchestrator last evaluated it, firing ones first.
import * as api from "../api.js";
import { badge, fill, h, table, time } from "../dom.js";

export default {
  title: () => "Alerts",
  mount(container, route, context) {
    const list = h("div", { id: "alerts-list" });
    container.append(
      h("h1", {}, "Alerts"),
      h("section", { class: "panel", "aria-labelledby": "rules-title" }, h("h2", { id: "rules-title" }, "Alert rules"), list),
    );
    let shown = "";

    async function refresh() {
      const answer = api.unwrap(await api.get("/api/system/alerts"));
      const key = JSON.stringify(answer);
      if (key === shown) {
        return;
      }
      shown = key;
      fill(
        list,
        h("p", { id: "alerts-count" }, `${answer.firing} of ${answer.total} rules firing.`),
        table(
          "Alert rules, firing first",
          ["rule", "severity", "state", "since", "message", "evaluated"],
          answer.alerts.map((alert) =>
            h(
              "tr",
              { dataset: { alert: alert.name, state: alert.state } },
              h("td", {}, h("strong", {}, alert.name)),
              h("td", {}, badge(alert.severity)),
              h("td", { class: "status" }, badge(alert.state)),
              h("td", {}, time(alert.since)),
              h("td", {}, alert.message),
              h("td", {}, time(alert.evaluatedAt)),
            ),
          ),
        ),
      );
    }

    function onEvent(event) {
      if (event.channel === "alerts") {
        context.soon();
      }
    }

    return { refresh, onEvent };
  },
};
