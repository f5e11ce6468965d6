// Overview: the fleet, the queue, the success rate and hourly trend, alerts firing, the health
// components and the circuit breakers.
import * as api from "../api.js";
import { badge, fill, h, message, number, section, table, tile, time } from "../dom.js";
import { hours, trendChart, trendTable } from "../chart.js";

export default {
  title: () => "Overview",
  mount(container, route, context) {
    const figures = section("figures", "Fleet and queue");
    const trend = section("trend", "Executions per hour, last 24 hours (UTC)");
    const firing = section("firing", "Alerts firing");
    const health = section("health", "Health components");
    const breakers = section("breaker-summary", "Circuit breakers");
    const demo = h("div", { id: "demo" });
    const chartBox = h("div", { class: "chart", id: "trend-chart", role: "img" });
    const chartTable = h("div");
    trend.slot.append(chartBox, chartTable);
    container.append(
      h("h1", {}, "Overview"),
      demo,
      figures.element,
      h("div", { class: "columns" }, trend.element, firing.element),
      h("div", { class: "columns" }, health.element, breakers.element),
    );
    let chart = null;
    let drawn = "";
    let depth = null;

    async function refresh() {
      const [fleet, stats, alerts, healthAnswer, circuit, status] = await Promise.all([
        api.get("/api/v1/metrics/fleet"),
        api.get("/api/system/stats?period=24h").then(api.unwrap),
        api.get("/api/system/alerts").then(api.unwrap),
        api.probe("/api/system/health"),
        api.get("/api/system/circuit-breakers"),
        api.probe("/status"),
      ]);
      depth = fleet.queue_depth;
      fill(demo, demoNote(status.body));
      fill(figures.slot, tiles(fleet, stats, alerts));
      // The period ends at the server's now, which is not the browser's clock.
      const end = new Date(Date.parse(stats.periodStart) + 24 * 3600 * 1000).toISOString();
      const points = hours(stats.hourlyTrend, stats.periodStart, end);
      const key = JSON.stringify(points);
      if (key !== drawn || !chart) {
        drawn = key;
        if (chart) {
          chart.destroy();
        }
        const total = points.reduce((sum, p) => sum + p.total, 0);
        chartBox.setAttribute("aria-label", `Chart of ${total} executions per hour over the last 24 hours`);
        chartBox.dataset.points = String(points.filter((p) => p.total > 0).length);
        chart = trendChart(chartBox, points);
        fill(chartTable, trendTable(points));
      }
      fill(firing.slot, firingList(alerts));
      fill(health.slot, components(healthAnswer.body));
      fill(breakers.slot, breakerTable(circuit));
    }

    function onEvent(event) {
      if (event.type === "queue.depth" && event.data) {
        depth = event.data.depth;
        const value = document.querySelector("#tile-queue .tile-value");
        if (value) {
          value.textContent = String(depth);
        }
        return;
      }
      if (["jobs", "robots", "alerts", "system"].includes(event.channel)) {
        context.soon();
      }
    }

    return {
      refresh,
      onEvent,
      pollMs: 10000,
      dispose: () => chart && chart.destroy(),
    };
  },
};

function demoNote(status) {
  if (!status || !status.demo_portals) {
    return null;
  }
  const demos = (status.portals || []).filter((p) => p.source === "demo").map((p) => p.provider);
  return h(
    "p",
    { class: "banner", id: "demo-portals" },
    h("strong", {}, "demo portals"),
    ` — development mode: ${demos.join(", ")} run against local demo portals.`,
  );
}

function tiles(fleet, stats, alerts) {
  const executions = stats.executions || {};
  return h(
    "div",
    { class: "tiles" },
    tile("Robots idle", fleet.idle_robots, "tile-idle"),
    tile("Robots busy", fleet.active_robots, "tile-busy"),
    tile("Robots offline", fleet.offline_robots, "tile-offline"),
    tile("Jobs running", fleet.active_jobs, "tile-active"),
    tile("Queue depth", fleet.queue_depth, "tile-queue", "jobs due, waiting"),
    tile("Success rate", executions.successRate, "tile-success", `${number(executions.total)} executions, 24 h`),
    tile("Alerts firing", alerts.firing, "tile-alerts", `of ${alerts.total} rules`),
  );
}

function firingList(alerts) {
  const list = alerts.alerts.filter((alert) => alert.state === "firing");
  if (list.length === 0) {
    return message("No alert is firing.", "ok");
  }
  return h(
    "ul",
    { class: "alert-list" },
    list.map((alert) =>
      h(
        "li",
        { dataset: { alert: alert.name } },
        badge(alert.severity),
        " ",
        h("strong", {}, alert.name),
        h("span", { class: "muted" }, ` since ${time(alert.since)}`),
        h("div", {}, alert.message),
      ),
    ),
  );
}

function components(body) {
  if (!body || !body.components) {
    return message("The health check did not answer.", "error");
  }
  const c = body.components;
  const rows = [
    ["database", c.database.status, `${c.database.state}, ${number(c.database.latency, "ms")}`],
    [
      "scheduler",
      c.scheduler.status,
      `${number(c.scheduler.recentExecutions)} executions in 5 min, ${number(c.scheduler.pendingJobs)} queued`,
    ],
    [
      "system",
      c.system.status,
      `memory ${c.system.memory.usagePercent} used, ${c.system.cpu.cores} cores, load ${number(c.system.cpu.loadAverage[0])}`,
    ],
    ["process", c.process.status, `pid ${c.process.pid}, heap ${c.process.memory.heapUsed} of ${c.process.memory.heapTotal}`],
  ];
  return h(
    "div",
    {},
    h("p", {}, "Overall ", badge(body.status)),
    table(
      "Health components",
      ["component", "status", "details"],
      rows.map(([name, status, details]) => [name, badge(status), details]),
    ),
  );
}

function breakerTable(circuit) {
  const summary = circuit.summary;
  return h(
    "div",
    {},
    h("p", {}, `${summary.total} breakers: ${summary.closed} closed, ${summary.open} open, ${summary.half_open} half open.`),
    table(
      "Circuit breakers",
      ["breaker", "state", "failure rate"],
      circuit.circuit_breakers.map((b) => [b.name, badge(b.state), b.failure_rate === null ? "–" : `${number(b.failure_rate)} %`]),
      "No circuit breaker is registered.",
    ),
  );
}
