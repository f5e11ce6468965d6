package org.rpa.server;

import java.util.List;

/**
 * The jar's arguments: none (the orchestrator), {@code worker}, {@code --help} or {@code
 * --version}. Anything else is refused with the usage, before anything starts.
 *
 * @param mode what to run
 * @param error why the arguments were refused, for {@link Mode#INVALID}; else null
 */
record CommandLine(Mode mode, String error) {
  enum Mode {
    ORCHESTRATOR,
    WORKER,
    HELP,
    VERSION,
    INVALID
  }

  static final String USAGE =
      """
      Usage: java -jar rpa-server.jar [worker]
             java -jar rpa-server.jar --help | --version

        (none)         the orchestrator: job store, HTTP API and dashboard on PORT (8620),
                       and an in-process worker (MAX_WORKERS jobs at once)
        worker         a worker service on WORKER_PORT (8621): runs the jobs an orchestrator
                       sends it and reports their results to ORCHESTRATOR_URL
        -h, --help     print this help and exit
        -V, --version  print the version and exit

      Configuration comes from environment variables and from files in SECRETS_DIR (one file
      per key): DATABASE_URL, JWT_SECRET, ADMIN_PASSWORD, WORKER_URLS, LOG_LEVEL, LOG_FORMAT,
      LOG_PATH, ... (docs/configuration.md). SIGTERM stops the server gracefully.

      Exit status: 0 after --help or --version; 143 after SIGTERM; 1 when start-up fails
      (database unreachable, port in use); 2 for a bad argument or a bad configuration value.
      """;

  static CommandLine parse(String... args) {
    List<String> list = List.of(args);
    if (list.contains("--help") || list.contains("-h")) {
      return new CommandLine(Mode.HELP, null);
    }
    if (list.contains("--version") || list.contains("-V")) {
      return new CommandLine(Mode.VERSION, null);
    }
    if (list.isEmpty()) {
      return new CommandLine(Mode.ORCHESTRATOR, null);
    }
    if (list.get(0).equals("worker") && list.size() == 1) {
      return new CommandLine(Mode.WORKER, null);
    }
    String unknown = list.get(0).equals("worker") ? list.get(1) : list.get(0);
    return new CommandLine(Mode.INVALID, "unknown argument '" + unknown + "'");
  }
}
