package org.rpa.server.privacy;

/** A data subject request that breaks a rule; nothing was recorded, disclosed or erased. */
public final class InvalidDataRequestException extends RuntimeException {
  public InvalidDataRequestException(String detail) {
    super(detail);
  }
}
