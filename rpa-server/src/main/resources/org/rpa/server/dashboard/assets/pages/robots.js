// Robots: every executor of the fleet (this orchestrator's in-process worker, each remote worker)
// with its state, load and resources, and how its executions of the last 24 hours went.
import * as api from "../api.js";
import { badge, fill, h, number, table, tile, time, duration } from "../dom.js";

export default {
  title: () => "Robots",
  mount(container, route, context) {
    const figures = h("div", { id: "robot-figures" });
    const list = h("div", { id: "robots-list" });
    container.append(
      h("h1", {}, "Robots"),
      figures,
      h("section", { class: "panel", "aria-labelledby": "robots-title" }, h("h2", { id: "robots-title" }, "Executors"), list),
    );
    let shown = "";

    async function refresh() {
      const [fleet, robots, workers] = await Promise.all([
        api.get("/api/v1/metrics/fleet"),
        api.get("/api/v1/metrics/robots"),
        api.get("/api/system/workers").then(api.unwrap),
      ]);
      const key = JSON.stringify([fleet, robots, workers]);
      if (key === shown) {
        return;
      }
      shown = key;
      fill(
        figures,
        h(
          "div",
          { class: "tiles" },
          tile("Robots", fleet.total_robots, "tile-total"),
          tile("Idle", fleet.idle_robots, "tile-idle"),
          tile("Busy", fleet.active_robots, "tile-busy"),
          tile("Offline", fleet.offline_robots, "tile-offline"),
          tile("Jobs running", fleet.active_jobs, "tile-active"),
        ),
      );
      const figuresOf = new Map(workers.workers.map((worker) => [worker.workerId, worker]));
      fill(
        list,
        table(
          "Robots of the fleet",
          ["robot", "kind", "status", "jobs / capacity", "CPU", "memory", "processes", "last seen", "runs (24 h)", "success", "average"],
          robots.map((robot) => {
            const day = figuresOf.get(robot.robot_id) || {};
            return h(
              "tr",
              { dataset: { robot: robot.robot_id } },
              h("td", {}, h("strong", {}, robot.robot_id), h("div", { class: "muted" }, robot.address || robot.hostname)),
              h("td", {}, robot.kind),
              h("td", {}, badge(robot.status)),
              h("td", { class: "num" }, `${robot.active_jobs} / ${robot.capacity}`),
              h("td", { class: "num" }, robot.cpu_percent === null ? "–" : `${number(robot.cpu_percent)} %`),
              h("td", { class: "num" }, number(robot.memory_mb, "MB")),
              h("td", { class: "num" }, number(robot.processes)),
              h("td", {}, time(robot.last_seen)),
              h("td", { class: "num" }, number(day.executions)),
              h("td", { class: "num" }, day.successRate || "–"),
              h("td", { class: "num" }, day.avgDuration === undefined ? "–" : duration(day.avgDuration)),
            );
          }),
          "No robot is registered.",
        ),
      );
    }

    function onEvent(event) {
      if (event.channel === "robots" || event.channel === "jobs") {
        context.soon();
      }
    }

    return { refresh, onEvent, pollMs: 5000 };
  },
};
