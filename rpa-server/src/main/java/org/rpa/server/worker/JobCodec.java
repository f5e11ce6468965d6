package org.rpa.server.worker;

import static org.rpa.server.worker.WorkerProtocol.CREDENTIAL;
import static org.rpa.server.worker.WorkerProtocol.integer;
import static org.rpa.server.worker.WorkerProtocol.map;
import static org.rpa.server.worker.WorkerProtocol.object;
import static org.rpa.server.worker.WorkerProtocol.optionalText;
import static org.rpa.server.worker.WorkerProtocol.positiveLong;
import static org.rpa.server.worker.WorkerProtocol.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.rpa.core.remote.RemoteJob;

/** The {@code POST /execute} body of the worker protocol, both ways; parsing is strict. */
public final class JobCodec {
  private static final Set<String> EXECUTE_FIELDS =
      Set.of(
          "job_id",
          "provider",
          "action",
          "parameters",
          "occurrence",
          "attempt",
          "timeout_ms",
          "executor_id",
          CREDENTIAL);

  private JobCodec() {}

  public static Map<String, Object> execute(RemoteJob job) {
    var body = new LinkedHashMap<String, Object>();
    body.put("job_id", job.jobId());
    body.put("provider", job.provider());
    body.put("action", job.action());
    body.put("parameters", job.params());
    body.put("occurrence", job.occurrence());
    body.put("attempt", job.attempt());
    body.put("timeout_ms", job.timeout().toMillis());
    body.put("executor_id", job.executorId());
    if (job.credential() != null) {
      body.put(CREDENTIAL, job.credential());
    }
    return body;
  }

  public static RemoteJob readExecute(byte[] json) {
    JsonNode node = object(json, EXECUTE_FIELDS);
    return new RemoteJob(
        positiveLong(node, "job_id"),
        text(node, "provider"),
        text(node, "action"),
        map(node, "parameters"),
        integer(node, "occurrence", 0),
        integer(node, "attempt", 1),
        Duration.ofMillis(positiveLong(node, "timeout_ms")),
        text(node, "executor_id"),
        optionalText(node, CREDENTIAL));
  }
}
