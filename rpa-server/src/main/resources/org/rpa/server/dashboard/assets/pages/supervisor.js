// Supervisor: the supervised background loops with their state, and start, stop, restart and
// reset for the roles that hold supervisor:control (a critical loop's stop also needs
// supervisor:stop_critical); the restart history below.
import * as api from "../api.js";
import { announce, badge, fill, h, message, number, table, time } from "../dom.js";

const HISTORY = 20;

export default {
  title: () => "Supervisor",
  mount(container, route, context) {
    const notice = h("div", { id: "supervisor-notice" });
    const loops = h("div", { id: "loops-list" });
    const history = h("div", { id: "restart-history" });
    container.append(
      h("h1", {}, "Supervisor"),
      notice,
      h("section", { class: "panel", "aria-labelledby": "loops-title" }, h("h2", { id: "loops-title" }, "Supervised loops"), loops),
      h("section", { class: "panel", "aria-labelledby": "history-title" }, h("h2", { id: "history-title" }, "Restart history"), history),
    );
    let shown = "";

    async function refresh() {
      const [status, restarts] = await Promise.all([
        api.get("/api/system/supervisor"),
        api.get(`/api/system/supervisor/restart-history?limit=${HISTORY}`),
      ]);
      const key = JSON.stringify([status, restarts]);
      if (key === shown) {
        return;
      }
      shown = key;
      const control = api.can("supervisor:control");
      fill(
        loops,
        h("p", {}, "The supervisor is ", badge(status.running ? "running" : "stopped"), ` with ${status.worker_count} loops.`,
          control ? null : h("span", { class: "muted", id: "read-only" }, ` Your role (${api.session().role}) may not control them.`)),
        table(
          "Supervised loops",
          ["loop", "status", "restarts", "last started", "last crashed", "error", "actions"],
          status.workers.map((loop) =>
            h(
              "tr",
              { dataset: { loop: loop.name } },
              h("td", {}, h("strong", {}, loop.name), loop.critical ? h("span", { class: "tag" }, "critical") : null),
              h("td", { class: "status" }, badge(loop.status)),
              h("td", { class: "num" }, `${number(loop.restart_count)} / ${number(loop.max_restarts)}`),
              h("td", {}, time(loop.last_started_at)),
              h("td", {}, time(loop.last_crashed_at)),
              h("td", { class: "error-text" }, loop.error || ""),
              h("td", { class: "row-actions" }, buttons(loop)),
            ),
          ),
        ),
      );
      fill(
        history,
        table(
          "Restart history, newest first",
          ["when", "loop", "event", "attempt", "error", "process"],
          restarts.items.map((item) => [time(item.timestamp), item.worker_name, badge(item.status), number(item.attempt), item.error || "", item.executor_id || "–"]),
          "No loop was restarted.",
        ),
        h("p", { class: "muted" }, `${restarts.pagination.total} events in all; the newest ${HISTORY} are shown.`),
      );
    }

    function buttons(loop) {
      const control = api.can("supervisor:control");
      const stoppable = !loop.critical || api.can("supervisor:stop_critical");
      const button = (action, label, allowed) =>
        h(
          "button",
          {
            type: "button",
            class: "small",
            "data-key": `${action}-${loop.name}`,
            "data-action": action,
            "aria-label": `${label} ${loop.name}`,
            disabled: !control || !allowed,
            on: { click: () => act(action, loop.name) },
          },
          label,
        );
      return [
        button("start", "Start", ["stopped", "crashed", "failed"].includes(loop.status)),
        button("stop", "Stop", stoppable && ["running", "crashed"].includes(loop.status)),
        button("restart", "Restart", loop.status !== "restarting"),
        button("reset", "Reset", loop.restart_count > 0 || loop.status === "failed"),
      ];
    }

    async function act(action, name) {
      const path =
        action === "reset"
          ? `/api/system/supervisor/reset/${encodeURIComponent(name)}`
          : `/api/system/supervisor/workers/${encodeURIComponent(name)}/${action}`;
      try {
        const answer = await api.post(path);
        fill(notice, message(answer.message, "ok"));
        announce(answer.message);
      } catch (failure) {
        fill(notice, message(failure.message, "error"));
      }
      shown = "";
      await refresh();
    }

    function onEvent(event) {
      if (event.type && event.type.startsWith("supervisor.")) {
        context.soon();
      }
    }

    return { refresh, onEvent };
  },
};
