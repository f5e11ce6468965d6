package org.rpa.server.http;

import java.util.Locale;
import java.util.Map;
import org.rpa.core.analytics.HealingStats;
import org.rpa.core.job.JobStatus;
import org.rpa.core.metrics.Gauge;
import org.rpa.core.metrics.LiveView;

/**
 * The Prometheus text format (0.0.4), written by hand: a few gauges and counters need no library,
 * and the output passes {@code promtool check metrics}.
 */
final class PrometheusText {
  private PrometheusText() {}

  static String render(ServerContext context) {
    var orchestrator = context.orchestrator();
    StringBuilder out = new StringBuilder(2048);
    Map<JobStatus, Long> counts = orchestrator.jobs().countByStatus();
    header(out, "rpa_jobs", "gauge", "Jobs in the store by status.");
    for (JobStatus status : JobStatus.values()) {
      out.append("rpa_jobs{status=\"")
          .append(status.name().toLowerCase(Locale.ROOT))
          .append("\"} ")
          .append(counts.getOrDefault(status, 0L))
          .append('\n');
    }
    LiveView live = orchestrator.metrics().live().view();
    counter(out, "rpa_jobs_submitted", "Jobs submitted since start.", live.submitted());
    counter(out, "rpa_jobs_started", "Executions started since start.", live.started());
    counter(out, "rpa_jobs_succeeded", "Executions that succeeded since start.", live.succeeded());
    counter(
        out,
        "rpa_jobs_failed",
        "Executions that failed since start.",
        live.failedBusiness() + live.failedTechnical());
    counter(out, "rpa_jobs_retried", "Retries scheduled since start.", live.retried());
    counter(out, "rpa_jobs_recovered", "Jobs recovered from lost leases.", live.recovered());
    long online =
        MetricsRoutes.workers(context).stream().filter(w -> !w.status().equals("offline")).count();
    header(
        out,
        "rpa_executors_online",
        "gauge",
        "Executors that are idle or busy: alive, and able to run jobs.");
    out.append("rpa_executors_online ").append(online).append('\n');
    header(out, "rpa_scheduler_running", "gauge", "1 while the background scheduler runs.");
    out.append("rpa_scheduler_running ")
        .append(orchestrator.schedules().status().running() ? 1 : 0)
        .append('\n');
    HealingStats healing = context.automation().selfHealing();
    header(
        out,
        "rpa_steps_healing",
        "gauge",
        "Element steps of the last 24 hours whose first locator missed, by what self-healing did.");
    healing(out, "healed", healing.healed());
    healing(out, "not_healed", healing.notHealed());
    healing(out, "no_alternative", healing.noAlternative());
    // Gauges that modules added to the core (the automations' browser sessions and self-healing
    // ratio): rendered from the orchestrator's metrics, so an embedder sees the same ones.
    for (Gauge gauge : orchestrator.metrics().gauges()) {
      header(out, gauge.name(), "gauge", gauge.help());
      out.append(gauge.name()).append(' ').append(gauge.read()).append('\n');
    }
    header(out, "rpa_uptime_seconds", "gauge", "Seconds since the orchestrator started.");
    out.append("rpa_uptime_seconds ")
        .append(orchestrator.metrics().uptime().toSeconds())
        .append('\n');
    header(out, "rpa_build_info", "gauge", "Build information; always 1.");
    out.append("rpa_build_info{version=\"")
        .append(context.version().replace("\\", "\\\\").replace("\"", "\\\""))
        .append("\"} 1\n");
    return out.toString();
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    header(out, name + "_total", "counter", help);
    out.append(name).append("_total ").append(value).append('\n');
  }

  private static void healing(StringBuilder out, String label, long steps) {
    out.append("rpa_steps_healing{healing=\"").append(label).append("\"} ").append(steps);
    out.append('\n');
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }
}
