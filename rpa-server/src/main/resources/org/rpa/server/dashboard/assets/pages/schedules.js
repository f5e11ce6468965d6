// Schedules: the orchestrator's background tasks (GET /scheduler) and the recurring jobs, each
// with its next run.
import * as api from "../api.js";
import { badge, fill, h, message, table, time } from "../dom.js";

export default {
  title: () => "Schedules",
  mount(container, route, context) {
    const tasks = h("div", { id: "tasks-list" });
    const recurring = h("div", { id: "recurring-list" });
    container.append(
      h("h1", {}, "Schedules"),
      h("section", { class: "panel", "aria-labelledby": "tasks-title" }, h("h2", { id: "tasks-title" }, "Background tasks"), tasks),
      h("section", { class: "panel", "aria-labelledby": "recurring-title" }, h("h2", { id: "recurring-title" }, "Recurring jobs"), recurring),
    );
    let shown = "";

    async function refresh() {
      const [scheduler, jobs] = await Promise.all([
        api.get("/scheduler"),
        api.get("/jobs?kind=RECURRING&status=SCHEDULED,QUEUED,CLAIMED,RUNNING&limit=100"),
      ]);
      const key = JSON.stringify([scheduler, jobs]);
      if (key === shown) {
        return;
      }
      shown = key;
      fill(
        tasks,
        h("p", {}, "The scheduler is ", badge(scheduler.running ? "running" : "stopped"), ` with ${scheduler.job_count} tasks.`),
        table(
          "Background tasks",
          ["task", "runs", "trigger", "next run (UTC)"],
          scheduler.jobs.map((task) => [
            h("strong", {}, task.id),
            task.function,
            task.schedule ? `${task.trigger}: ${task.schedule}` : task.trigger,
            time(task.next_run),
          ]),
        ),
      );
      fill(
        recurring,
        jobs.jobs.length === 0
          ? message("No recurring job is scheduled.")
          : table(
              "Recurring jobs",
              ["job", "type", "recurrence", "status", "next run (UTC)", "last finished"],
              jobs.jobs.map((job) => [
                h("a", { href: `#/jobs/${job.id}` }, `#${job.id}`),
                job.workflow_id,
                job.recurrence,
                badge(job.status),
                time(job.run_at),
                time(job.finished_at),
              ]),
            ),
        jobs.next_cursor ? h("p", { class: "muted" }, "The first 100 are shown.") : null,
      );
    }

    function onEvent(event) {
      if (event.channel === "jobs" && event.data && event.data.to === "SCHEDULED") {
        context.soon();
      }
    }

    return { refresh, onEvent };
  },
};
