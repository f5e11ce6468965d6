package org.rpa.core.engine;

import org.rpa.core.store.RestartLog;
import org.rpa.core.supervise.RestartEvent;
import org.rpa.core.supervise.RestartHistoryPage;
import org.rpa.core.supervise.RestartRecords;

/**
 * The supervisor's restart history in the store's {@link RestartLog}, each event signed with this
 * process's executor id, so that the history survives a restart of the process. Thread-safe.
 */
final class StoredRestartRecords implements RestartRecords {
  private final RestartLog log;
  private final String executorId;

  StoredRestartRecords(RestartLog log, String executorId) {
    this.log = log;
    this.executorId = executorId;
  }

  @Override
  public void append(RestartEvent event) {
    log.append(event.executorId() == null ? event.withExecutorId(executorId) : event);
  }

  @Override
  public RestartHistoryPage page(String loopName, int limit, int offset) {
    return log.page(loopName, limit, offset);
  }

  @Override
  public int count() {
    return log.count();
  }
}
