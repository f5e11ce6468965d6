package org.rpa.server.worker;

import java.time.Duration;
import org.rpa.server.RpaServer;

/**
 * The worker service's {@code GET /metrics/prometheus}: a handful of figures in the Prometheus text
 * format (0.0.4), the same ones {@code /status} shows, so that Prometheus scrapes each worker
 * beside the orchestrator. Passes {@code promtool check metrics}. Stateless.
 */
final class WorkerMetricsText {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private WorkerMetricsText() {}

  static String render(WorkerService service, Duration uptime) {
    WorkerJobs jobs = service.jobs();
    StringBuilder out = new StringBuilder(1024);
    counter(out, "rpa_worker_jobs_accepted", "Job attempts this worker accepted.", jobs.total());
    counter(
        out, "rpa_worker_jobs_succeeded", "Accepted attempts that succeeded.", jobs.successful());
    counter(out, "rpa_worker_jobs_failed", "Accepted attempts that failed.", jobs.failed());
    gauge(out, "rpa_worker_jobs_active", "Attempts running now.", jobs.active());
    gauge(
        out,
        "rpa_worker_capacity",
        "Attempts this worker runs at once (MAX_WORKERS).",
        jobs.capacity());
    gauge(
        out, "rpa_worker_uptime_seconds", "Seconds since the worker started.", uptime.toSeconds());
    header(
        out,
        "rpa_worker_info",
        "gauge",
        "The worker's id (new at each start) and version; always 1.");
    out.append("rpa_worker_info{worker_id=\"")
        .append(escape(service.workerId()))
        .append("\",version=\"")
        .append(escape(RpaServer.version()))
        .append("\"} 1\n");
    return out.toString();
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    header(out, name + "_total", "counter", help);
    out.append(name).append("_total ").append(value).append('\n');
  }

  private static void gauge(StringBuilder out, String name, String help, long value) {
    header(out, name, "gauge", help);
    out.append(name).append(' ').append(value).append('\n');
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
