// Jobs: the job list with its filters (status, provider, action, created dates), paged with the
// API's cursor, updated as job events arrive. The filters live in the address (#/jobs?status=…).
import * as api from "../api.js";
import { announce, badge, fill, h, message, time } from "../dom.js";

const STATUSES = ["SCHEDULED", "QUEUED", "CLAIMED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"];
const PROVIDERS = ["mfn", "osn", "octotel", "evotel"];
const ACTIONS = ["validation", "cancellation"];
const PAGE_SIZE = 25;
const FILTERS = ["status", "provider", "action", "from", "to"];

export default {
  title: () => "Jobs",
  mount(container, route, context) {
    const filters = Object.fromEntries(FILTERS.map((name) => [name, route.params.get(name) || ""]));
    const cursors = [null];
    const listing = h("div", { id: "jobs-list", "aria-live": "off" });
    const paging = h("nav", { class: "paging", "aria-label": "Job pages" });
    const error = h("div");
    container.append(h("h1", {}, "Jobs"), form(filters, context), error, listing, paging);
    let shown = "";

    async function refresh() {
      let answer;
      try {
        answer = await api.get(`/jobs?${query(filters, cursors[cursors.length - 1])}`);
        fill(error);
      } catch (failure) {
        fill(error, message(failure.message, "error"));
        return;
      }
      const key = JSON.stringify(answer);
      if (key === shown) {
        return;
      }
      shown = key;
      fill(listing, jobTable(answer.jobs));
      fill(paging, pager(answer));
    }

    function pager(answer) {
      const page = cursors.length;
      return h(
        "div",
        {},
        h(
          "button",
          {
            type: "button",
            "data-key": "previous",
            disabled: page === 1,
            on: { click: () => move(() => cursors.pop()) },
          },
          "Previous page",
        ),
        h("span", { class: "muted", id: "page-number" }, ` Page ${page} · ${answer.count} jobs shown `),
        h(
          "button",
          {
            type: "button",
            "data-key": "next",
            disabled: !answer.next_cursor,
            on: { click: () => move(() => cursors.push(answer.next_cursor)) },
          },
          "Next page",
        ),
      );
    }

    function move(change) {
      change();
      shown = "";
      refresh().then(() => announce(`Page ${cursors.length}`));
    }

    function onEvent(event) {
      if (event.channel !== "jobs" || !event.data) {
        return;
      }
      const row = listing.querySelector(`tr[data-job-id="${event.data.job_id}"]`);
      if (row && event.data.to) {
        const cell = row.querySelector("td.status");
        cell.dataset.status = event.data.to;
        fill(cell, badge(event.data.to));
      }
      context.soon();
    }

    return { refresh, onEvent };
  },
};

function query(filters, cursor) {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filters.status) {
    params.set("status", filters.status);
  }
  if (filters.provider) {
    params.set("provider", filters.provider);
  }
  if (filters.action) {
    params.set("action", filters.action);
  }
  if (filters.from) {
    params.set("created_from", `${filters.from}T00:00:00Z`);
  }
  if (filters.to) {
    const next = new Date(`${filters.to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    params.set("created_to", next.toISOString());
  }
  if (cursor) {
    params.set("cursor", cursor);
  }
  return params;
}

function form(filters, context) {
  const field = (name, label, control) =>
    h("div", { class: "field" }, h("label", { for: `filter-${name}` }, label), control);
  const select = (name, options) =>
    h(
      "select",
      { id: `filter-${name}`, name },
      h("option", { value: "" }, "any"),
      options.map((value) => h("option", { value, selected: filters[name] === value }, value)),
    );
  const text = (name) =>
    h("input", { id: `filter-${name}`, name, value: filters[name], list: `${name}-names`, autocomplete: "off" });
  const date = (name) => h("input", { id: `filter-${name}`, name, type: "date", value: filters[name] });
  const element = h(
    "form",
    { class: "filters", id: "job-filters", role: "search", "aria-label": "Filter jobs" },
    field("status", "Status", select("status", STATUSES)),
    field("provider", "Provider", text("provider")),
    h("datalist", { id: "provider-names" }, PROVIDERS.map((value) => h("option", { value }))),
    field("action", "Action", text("action")),
    h("datalist", { id: "action-names" }, ACTIONS.map((value) => h("option", { value }))),
    field("from", "Created from (UTC)", date("from")),
    field("to", "Created to (UTC)", date("to")),
    h(
      "div",
      { class: "field buttons" },
      h("button", { type: "submit", id: "apply-filters" }, "Apply filters"),
      h(
        "button",
        { type: "button", class: "quiet", on: { click: () => context.navigate("#/jobs") } },
        "Clear",
      ),
    ),
  );
  element.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      const value = element.elements[name].value.trim();
      if (value) {
        params.set(name, value);
      }
    }
    context.navigate(`#/jobs${params.toString() ? `?${params}` : ""}`);
  });
  return element;
}

function jobTable(jobs) {
  if (jobs.length === 0) {
    return message("No job matches these filters.");
  }
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { id: "jobs-table" },
      h("caption", { class: "visually-hidden" }, "Jobs, newest first"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["job", "type", "status", "attempts", "created", "updated", "run at"].map((name) =>
            h("th", { scope: "col" }, name),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        jobs.map((job) =>
          h(
            "tr",
            { dataset: { jobId: String(job.id) } },
            h("td", {}, h("a", { href: `#/jobs/${job.id}`, "data-key": `job-${job.id}` }, `#${job.id}`)),
            h("td", {}, job.workflow_id, job.kind === "RECURRING" ? h("span", { class: "tag" }, "recurring") : null),
            h("td", { class: "status", dataset: { status: job.status } }, badge(job.status)),
            h("td", { class: "num" }, `${job.attempts} / ${job.max_attempts}`),
            h("td", {}, time(job.created_at)),
            h("td", {}, time(job.updated_at)),
            h("td", {}, time(job.run_at)),
          ),
        ),
      ),
    ),
  );
}
