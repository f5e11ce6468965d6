package org.rpa.automation.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Evidence could not be written: a full disk, a directory that is not writable. Its message names
 * the file, the job, the evidence directory and the cause. A flow's attempt that meets it fails as
 * a technical failure of its own ({@code EvidenceError}), retried like any other, and is not held
 * against the portal's circuit breaker: the portal did nothing wrong.
 */
public final class EvidenceException extends UncheckedIOException {
  public EvidenceException(String message, IOException cause) {
    super(message, cause);
  }
}
