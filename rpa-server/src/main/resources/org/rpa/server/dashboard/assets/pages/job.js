// A job: its parameters and attempts, each execution with its log and step timeline (durations,
// outcomes, healed steps marked), its screenshots inline (fetched with the token, shown as blob:
// URLs), and retry (a new job with the same parameters) and cancel, by permission.
import * as api from "../api.js";
import { announce, badge, fill, h, message, time } from "../dom.js";
import { executionList } from "../executions.js";

const FINAL = ["COMPLETED", "FAILED", "CANCELLED"];

export default {
  title: (route) => `Job ${route.id}`,
  mount(container, route, context) {
    const id = route.id;
    const heading = h("h1", {}, `Job ${id}`);
    const actions = h("div", { class: "actions", id: "job-actions" });
    const notice = h("div", { id: "job-notice" });
    const summary = h("div", { id: "job-summary" });
    const executions = h("div", { id: "job-executions" });
    const shots = h("div", { id: "job-screenshots" });
    container.append(
      h("p", {}, h("a", { href: "#/jobs" }, "← All jobs")),
      heading,
      actions,
      notice,
      summary,
      h(
        "div",
        { class: "columns" },
        h("section", { class: "panel", "aria-labelledby": "executions-title" }, h("h2", { id: "executions-title" }, "Executions"), executions),
        h("section", { class: "panel", "aria-labelledby": "screenshots-title" }, h("h2", { id: "screenshots-title" }, "Screenshots"), shots),
      ),
    );
    const images = new Map();
    let confirming = false;
    let job = null;
    let shown = "";

    async function refresh() {
      let logs;
      try {
        [job, logs] = await Promise.all([
          api.get(`/jobs/${encodeURIComponent(id)}`),
          api.get(`/api/jobs/${encodeURIComponent(id)}/logs?limit=100`).then(api.unwrap),
        ]);
      } catch (failure) {
        fill(summary, message(failure.status === 404 ? `There is no job ${id}.` : failure.message, "error"));
        return;
      }
      // ask() redraws the buttons itself: a refresh redraws only when the job or its log changed,
      // so that a live update never replaces a confirmation the user is about to click.
      const key = JSON.stringify([job, logs]);
      if (key !== shown) {
        shown = key;
        fill(heading, `Job ${job.id} · ${job.workflow_id} `, badge(job.status));
        heading.dataset.status = job.status;
        fill(actions, buttons());
        fill(summary, details(job));
        fill(executions, executionList(job, logs.logs));
      }
      if (api.can("evidence:read")) {
        await screenshots();
      }
    }

    function buttons() {
      const retry = api.can("job:create");
      const cancel = api.can("job:cancel");
      const final = FINAL.includes(job.status);
      const parts = [
        h("button", { type: "button", id: "retry", "data-key": "retry", disabled: !retry, on: { click: submitRetry } }, "Retry as a new job"),
      ];
      if (confirming) {
        parts.push(
          h("span", { class: "confirm", role: "group", "aria-label": "Confirm cancel" }, `Cancel job ${job.id}? `,
            h("button", { type: "button", id: "confirm-cancel", "data-key": "confirm-cancel", class: "danger", on: { click: cancelJob } }, "Yes, cancel it"),
            " ",
            h("button", { type: "button", id: "keep", "data-key": "keep", on: { click: () => ask(false) } }, "No, keep it")),
        );
      } else {
        parts.push(
          h("button", { type: "button", id: "cancel", "data-key": "cancel", class: "danger", disabled: !cancel || final, on: { click: () => ask(true) } }, "Cancel job"),
        );
      }
      if (!retry || !cancel) {
        parts.push(h("span", { class: "muted", id: "read-only" }, ` Your role (${api.session().role}) may not ${!retry && !cancel ? "retry or cancel" : !retry ? "retry" : "cancel"} jobs.`));
      }
      return parts;
    }

    function ask(value) {
      confirming = value;
      fill(actions, buttons());
      const focus = actions.querySelector(value ? "#confirm-cancel" : "#cancel");
      if (focus) {
        focus.focus();
      }
    }

    async function cancelJob() {
      try {
        const cancelled = await api.remove(`/jobs/${job.id}`);
        confirming = false;
        fill(notice, message(`Job ${cancelled.id} is ${cancelled.status}.`, "ok"));
        announce(`Job ${cancelled.id} cancelled`);
      } catch (failure) {
        confirming = false;
        fill(notice, message(failure.message, "error"));
      }
      shown = "";
      await refresh();
    }

    async function submitRetry() {
      const body = { provider: job.provider, action: job.action, parameters: job.parameters, priority: job.priority, max_attempts: job.max_attempts };
      if (job.timeout_seconds !== null) {
        body.timeout_seconds = job.timeout_seconds;
      }
      try {
        const created = await api.post("/jobs", body);
        announce(`Job ${created.id} submitted`);
        context.navigate(`#/jobs/${created.id}`);
      } catch (failure) {
        fill(notice, message(failure.message, "error"));
      }
    }

    async function screenshots() {
      const list = await api.get(`/jobs/${encodeURIComponent(id)}/screenshots`);
      for (const shot of list.screenshots) {
        if (images.has(shot.name)) {
          continue;
        }
        const url = URL.createObjectURL(await api.blob(shot.url));
        images.set(shot.name, { shot, url });
      }
      const key = [...images.keys()].join("|");
      if (shots.dataset.names === key && shots.childElementCount > 0) {
        return;
      }
      shots.dataset.names = key;
      shots.classList.toggle("gallery", images.size > 0);
      if (images.size === 0) {
        fill(shots, message("This job has no screenshots."));
        return;
      }
      fill(
        shots,
        [...images.values()].map(({ shot, url }) =>
          h("figure", { class: "shot" },
            h("a", { href: url, target: "_blank", rel: "noopener" }, h("img", { src: url, alt: `Screenshot ${shot.name}`, "data-name": shot.name })),
            h("figcaption", {}, `${shot.name} · ${time(shot.taken_at)}`)),
        ),
      );
    }

    function onEvent(event) {
      if (event.channel === "jobs" && event.data && String(event.data.job_id) === String(id)) {
        context.soon();
      }
    }

    return {
      refresh,
      onEvent,
      dispose: () => images.forEach(({ url }) => URL.revokeObjectURL(url)),
    };
  },
};

function details(job) {
  const rows = [
    ["Provider", job.provider],
    ["Action", job.action],
    ["Kind", job.recurrence ? `${job.kind} (${job.recurrence})` : job.kind],
    ["Status", job.status],
    ["Attempts", `${job.attempts} of ${job.max_attempts}`],
    ["Priority", job.priority],
    ["Run at", time(job.run_at)],
    ["Created", time(job.created_at)],
    ["Started", time(job.started_at)],
    ["Finished", time(job.finished_at)],
    ["Reference", job.reference || "–"],
    ["Timeout", job.timeout_seconds === null ? "default" : `${job.timeout_seconds} s`],
  ];
  return h(
    "div",
    { class: "columns" },
    h("section", { class: "panel", "aria-labelledby": "summary-title" },
      h("h2", { id: "summary-title" }, "Job"),
      h("dl", { class: "facts" }, rows.map(([name, value]) => [h("dt", {}, name), h("dd", {}, String(value))]))),
    h("section", { class: "panel", "aria-labelledby": "parameters-title" },
      h("h2", { id: "parameters-title" }, "Parameters"),
      h("pre", { id: "job-parameters", tabindex: "0" }, JSON.stringify(job.parameters, null, 2)),
      job.result ? [h("h3", {}, "Result"), h("pre", { tabindex: "0" }, JSON.stringify(job.result, null, 2))] : null,
      job.error ? [h("h3", {}, "Error"), h("p", { class: "error-text" }, `${job.error.type}: ${job.error.message}`)] : null),
  );
}
