package org.rpa.server.ws;

/**
 * An upgrade to a stream refused before any credential was looked at: a query parameter the streams
 * do not take (400), or no room for another connection (503).
 */
public final class StreamRefusedException extends RuntimeException {
  private final int status;

  StreamRefusedException(int status, String detail) {
    super(detail, null, false, false);
    this.status = status;
  }

  /** The HTTP status the upgrade is answered with. */
  public int status() {
    return status;
  }
}
