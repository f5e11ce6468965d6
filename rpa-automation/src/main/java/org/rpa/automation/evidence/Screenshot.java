package org.rpa.automation.evidence;

import java.time.Instant;
import java.util.Objects;

/** One stored screenshot of a job: its file name in the job's folder, size, time and type. */
public record Screenshot(String name, long size, Instant takenAt, String contentType) {
  public Screenshot {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(takenAt, "takenAt");
    Objects.requireNonNull(contentType, "contentType");
  }
}
