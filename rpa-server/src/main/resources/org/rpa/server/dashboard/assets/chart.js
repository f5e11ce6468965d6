// The hourly trend chart (uPlot, from its webjar): executions that succeeded and failed per UTC
// hour of the period, with the same figures in a table for screen readers.
import uPlot from "/webjars/uplot/1.6.30/dist/uPlot.esm.js";
import { h } from "./dom.js";

const HOUR = 3600;

/**
 * The hours from `periodStart` to `now`, each with the stats' figures or zeros: the API lists only
 * the hours that had executions (`_id` is `yyyy-MM-dd HH:00`, UTC).
 */
export function hours(trend, periodStart, now) {
  const byHour = new Map(trend.map((point) => [Date.parse(`${point._id.replace(" ", "T")}:00Z`) / 1000, point]));
  const first = Math.floor(Date.parse(periodStart) / 1000 / HOUR) * HOUR + HOUR;
  const last = Math.floor(Date.parse(now) / 1000 / HOUR) * HOUR;
  const points = [];
  for (let at = first; at <= last; at += HOUR) {
    const point = byHour.get(at) || { total: 0, success: 0, failed: 0 };
    points.push({ at, total: point.total, success: point.success, failed: point.failed });
  }
  return points;
}

/** An hour as `14:00`, and midnight as the day it starts (`01-05`). */
function hourLabel(seconds) {
  const at = new Date(seconds * 1000);
  const hour = at.getUTCHours();
  return hour === 0 ? at.toISOString().slice(5, 10) : `${String(hour).padStart(2, "0")}:00`;
}

/** Draws the chart into `target` (replacing what it held); returns the uPlot to destroy later. */
export function trendChart(target, points) {
  const width = Math.max(320, target.clientWidth || 640);
  const data = [points.map((p) => p.at), points.map((p) => p.success), points.map((p) => p.failed)];
  const options = {
    width,
    height: 220,
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), "Etc/UTC"),
    cursor: { drag: { x: false, y: false } },
    legend: { live: false },
    scales: { y: { range: (u, min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] } },
    axes: [
      { stroke: "#3c4654", grid: { stroke: "#e3e7ee" }, values: (u, splits) => splits.map(hourLabel) },
      { stroke: "#3c4654", grid: { stroke: "#e3e7ee" }, label: "executions", size: 50 },
    ],
    series: [
      { label: "hour (UTC)" },
      {
        label: "succeeded",
        stroke: "#1b7a3d",
        fill: "rgba(27, 122, 61, 0.12)",
        width: 2,
        points: { show: true, size: 6 },
      },
      {
        label: "failed",
        stroke: "#b3261e",
        width: 2,
        points: { show: true, size: 6 },
      },
    ],
  };
  target.replaceChildren();
  return new uPlot(options, data, target);
}

/** The chart's figures as a table, for screen readers (visually hidden). */
export function trendTable(points) {
  const rows = points
    .filter((p) => p.total > 0)
    .map((p) =>
      h(
        "tr",
        {},
        h("td", {}, new Date(p.at * 1000).toISOString().slice(0, 13).replace("T", " ") + ":00"),
        h("td", {}, p.success),
        h("td", {}, p.failed),
      ),
    );
  return h(
    "table",
    { class: "visually-hidden" },
    h("caption", {}, "Executions per hour (UTC)"),
    h(
      "thead",
      {},
      h("tr", {}, h("th", { scope: "col" }, "hour"), h("th", { scope: "col" }, "succeeded"), h("th", { scope: "col" }, "failed")),
    ),
    h("tbody", {}, rows),
  );
}
