// A job's executions: each with its log line and its step timeline (outcomes, durations as bars
// relative to the longest step, healed steps marked).
import { badge, duration, h, message, time } from "./dom.js";

const FINAL = ["COMPLETED", "FAILED", "CANCELLED"];

/** The executions of `job`, newest first, each with its log from `logs` (matched by id). */
export function executionList(job, logs) {
  const executions = job.executions || [];
  if (executions.length === 0) {
    return message(FINAL.includes(job.status) ? "This job never ran." : "No execution yet: the job has not started.");
  }
  const byId = new Map(logs.map((log) => [log.id, log]));
  return executions
    .slice()
    .reverse()
    .map((execution) => {
      const log = byId.get(execution.id);
      return h(
        "article",
        { class: "execution", dataset: { execution: String(execution.id) }, "aria-labelledby": `execution-${execution.id}` },
        h("h3", { id: `execution-${execution.id}` },
          `Attempt ${execution.attempt}${job.kind === "RECURRING" ? `, occurrence ${execution.occurrence}` : ""} `, badge(execution.status)),
        h("p", { class: "muted" },
          `${execution.executor || "–"} · started ${time(execution.started_at)} · finished ${time(execution.finished_at)} · ${duration(execution.duration_ms)}`),
        log ? logLine(log) : null,
        timeline(execution.steps || []),
      );
    });
}

function logLine(log) {
  const parts = [h("dt", {}, "Log"), h("dd", {}, `${log.status}${log.isRetry ? " (retry)" : ""}, worker ${log.workerId || "–"}`)];
  if (log.error) {
    parts.push(h("dt", {}, "Error"), h("dd", { class: "error-text" }, `${log.error.code}: ${log.error.message}`));
  }
  if (log.result) {
    parts.push(h("dt", {}, "Result"), h("dd", {}, h("code", {}, JSON.stringify(log.result))));
  }
  return h("dl", { class: "facts log" }, parts);
}

function timeline(steps) {
  if (steps.length === 0) {
    return h("p", { class: "muted" }, "No steps recorded.");
  }
  const longest = Math.max(1, ...steps.map((step) => step.duration_ms));
  return h(
    "ol",
    { class: "timeline", "aria-label": "Steps" },
    steps.map((step) => {
      const bar = h("span", { class: `bar bar-${step.outcome.toLowerCase()}` });
      // CSSOM, not a style attribute: the policy allows no inline style.
      bar.style.width = `${Math.max(2, (100 * step.duration_ms) / longest)}%`;
      return h(
        "li",
        { class: `step step-${step.outcome.toLowerCase()}`, dataset: { outcome: step.outcome, healing: step.healing || "" } },
        h("span", { class: "step-name" }, `${step.seq}. ${step.name}`),
        h("span", { class: "step-outcome" }, badge(step.outcome), healingTag(step)),
        h("span", { class: "step-bar", "aria-hidden": "true" }, bar),
        h("span", { class: "step-duration" }, duration(step.duration_ms)),
        stepDetail(step),
      );
    }),
  );
}

/** What self-healing did when the step's first locator missed, unless the outcome says it. */
function healingTag(step) {
  if (!step.healing || (step.healing === "HEALED" && step.outcome === "HEALED")) {
    return null;
  }
  return h("span", { class: "tag" }, step.healing === "HEALED" ? "healed" : step.healing.toLowerCase().replace("_", " "));
}

function stepDetail(step) {
  const details = step.details || {};
  const text = Object.entries(details)
    .map(([name, value]) => `${name}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" · ");
  return text ? h("span", { class: "step-details" }, text) : null;
}
