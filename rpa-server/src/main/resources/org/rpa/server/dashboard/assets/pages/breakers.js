// Circuit breakers: every named breaker with its state, failure rate and calls, and reset for the
// roles that hold breaker:reset.
import * as api from "../api.js";
import { announce, badge, fill, h, message, number, table } from "../dom.js";

export default {
  title: () => "Circuit breakers",
  mount(container, route, context) {
    const notice = h("div", { id: "breakers-notice" });
    const list = h("div", { id: "breakers-list" });
    container.append(
      h("h1", {}, "Circuit breakers"),
      notice,
      h("section", { class: "panel", "aria-labelledby": "breakers-title" }, h("h2", { id: "breakers-title" }, "Breakers"), list),
    );
    let shown = "";

    async function refresh() {
      const answer = await api.get("/api/system/circuit-breakers");
      const key = JSON.stringify(answer.circuit_breakers);
      if (key === shown) {
        return;
      }
      shown = key;
      const allowed = api.can("breaker:reset");
      const s = answer.summary;
      fill(
        list,
        h("p", {}, `${s.total} breakers: ${s.closed} closed, ${s.open} open, ${s.half_open} half open.`,
          allowed ? null : h("span", { class: "muted", id: "read-only" }, ` Your role (${api.session().role}) may not reset them.`)),
        table(
          "Circuit breakers",
          ["breaker", "service", "state", "failure rate", "opens at", "calls (failed / in window)", "refused", "action"],
          answer.circuit_breakers.map((breaker) =>
            h(
              "tr",
              { dataset: { breaker: breaker.name } },
              h("td", {}, h("strong", {}, breaker.name), breaker.critical ? h("span", { class: "tag" }, "critical") : null),
              h("td", {}, breaker.display_name, breaker.url ? h("div", { class: "muted" }, breaker.url) : null),
              h("td", { class: "status" }, badge(breaker.state)),
              h("td", { class: "num" }, breaker.failure_rate === null ? "–" : `${number(breaker.failure_rate)} %`),
              h("td", { class: "num" }, `${number(breaker.failure_rate_threshold)} %`),
              h("td", { class: "num" }, `${breaker.calls.failed} / ${breaker.calls.buffered}`),
              h("td", { class: "num" }, breaker.calls.not_permitted),
              h("td", {}, h("button", {
                type: "button",
                class: "small",
                "data-key": `reset-${breaker.name}`,
                "aria-label": `Reset ${breaker.name}`,
                disabled: !allowed,
                on: { click: () => reset(breaker.name) },
              }, "Reset")),
            ),
          ),
          "No circuit breaker is registered: no remote worker, grid, portal, callback or Prometheus is configured.",
        ),
      );
    }

    async function reset(name) {
      try {
        const answer = await api.post(`/api/system/circuit-breakers/${encodeURIComponent(name)}/reset`);
        fill(notice, message(answer.message, "ok"));
        announce(answer.message);
      } catch (failure) {
        fill(notice, message(failure.message, "error"));
      }
      shown = "";
      await refresh();
    }

    function onEvent(event) {
      if (event.type === "breaker.state_changed") {
        context.soon();
      }
    }

    return { refresh, onEvent };
  },
};
