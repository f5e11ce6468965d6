package org.rpa.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import org.rpa.server.http.PipelineView.PipelineBody;
import org.rpa.server.security.Permission;

/**
 * {@code GET /api/system/pipeline}: the job intake, the claim batches in flight per executor, and
 * the degradation mode with the services it depends on and the features still available. Read from
 * the store and from the services' last probes.
 *
 * <p>Thread-safe.
 */
public final class PipelineRoutes {
  private final ServerContext context;

  public PipelineRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
                "/api/system/pipeline",
                "monitoring",
                "The dispatch pipeline: job intake (native or polling wake-ups, queued jobs), claim"
                    + " batches in flight per executor, and the degradation mode (normal, degraded,"
                    + " minimal, offline) with the services and the available features",
                PipelineBody.class,
                this::pipeline)
            .secured(Permission.MONITORING_READ));
  }

  private void pipeline(Context ctx) {
    ctx.json(PipelineView.body(context.orchestrator().pipeline().status(), context.now()));
  }
}
