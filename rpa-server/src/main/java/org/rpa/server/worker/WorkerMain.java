package org.rpa.server.worker;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rpa.automation.BrowserAutomation;
import org.rpa.automation.Secrets;
import org.rpa.core.Orchestrator;
import org.rpa.core.job.JobHandler;
import org.rpa.core.remote.RemoteWorker;
import org.rpa.core.resilience.BreakerOptions;
import org.rpa.server.WorkerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar rpa-server.jar worker}: the worker service with the browser automations (and the
 * demo job types when {@code WORKER_DEMO_HANDLERS=true}); and the orchestrator's side of the same
 * settings ({@link #configure}).
 */
public final class WorkerMain {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  /** Runs the worker service until SIGTERM; exits with 2 on a bad configuration. */
  public static void run(Map<String, String> environment) {
    WorkerConfig config;
    try {
      config = WorkerConfig.fromEnvironment(environment);
      config.requireToken("running as a worker");
      config.requireCapacity();
    } catch (IllegalArgumentException e) {
      System.err.println("rpa-server worker cannot start. " + e.getMessage());
      System.exit(2);
      return;
    }
    if (environment.containsKey("PORT") && !environment.containsKey("WORKER_PORT")) {
      LOG.warn(
          "PORT is the orchestrator's setting and is not read here: the worker listens on"
              + " WORKER_PORT ({})",
          config.port());
    }
    String secretsDir = environment.get("SECRETS_DIR");
    Secrets secrets =
        secretsDir == null || secretsDir.isBlank()
            ? Secrets.fromEnvironment()
            : Secrets.fromDirectory(java.nio.file.Path.of(secretsDir.trim()));
    BrowserAutomation automation =
        BrowserAutomation.builder().secrets(secrets).fromEnvironment().build();
    Map<String, JobHandler> handlers = new LinkedHashMap<>(automation.standaloneHandlers());
    if (config.demoHandlers()) {
      handlers.putAll(DemoHandlers.all());
    }
    SeleniumCheck selenium =
        config.seleniumCheck() ? SeleniumCheck.start(automation.pool()) : SeleniumCheck.disabled();
    WorkerService service = WorkerService.start(config, Clock.systemUTC(), handlers, selenium);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("rpa worker stopping");
                  try {
                    service.close();
                  } finally {
                    automation.close();
                  }
                },
                "rpa-worker-shutdown"));
  }

  /**
   * The orchestrator's side: its lease, heartbeat and executor retention, a {@link
   * HttpRemoteWorker} per {@code WORKER_URLS} entry, their breaker settings, and the demo job types
   * when enabled.
   *
   * @param credentials mint the credential of each dispatch to a worker
   * @throws IllegalArgumentException when workers are configured without a token outside
   *     DEVELOPMENT_MODE
   */
  public static Orchestrator.Builder configure(
      Orchestrator.Builder builder, WorkerConfig config, CallbackCredentials credentials) {
    builder
        .leaseLength(config.leaseLength())
        .heartbeatInterval(config.heartbeatInterval())
        .executorRetention(config.executorRetention());
    if (!config.workerUrls().isEmpty()) {
      config.requireToken("WORKER_URLS is set");
    }
    for (String url : config.workerUrls()) {
      RemoteWorker worker =
          new HttpRemoteWorker(url, config.authToken(), config.workerTimeout(), credentials);
      builder.remoteWorker(worker);
    }
    builder.remoteWorkerBreaker(
        BreakerOptions.custom().waitDurationInOpenState(config.breakerOpenWait()).build());
    if (config.callbackEndpoint() != null) {
      builder.callbacks(
          new HttpCallbackTransport(
              config.callbackEndpoint(), config.callbackAuthToken(), config.callbackTimeout()),
          config.callbackMaxBackoff());
    }
    if (config.demoHandlers()) {
      DemoHandlers.all().keySet().forEach(type -> builder.jobType("demo", type.substring(5)));
    }
    return builder;
  }
}
