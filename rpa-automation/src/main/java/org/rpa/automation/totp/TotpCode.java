package org.rpa.automation.totp;

import java.util.Objects;

/** A code spent for one time step. */
public record TotpCode(String code, long timeStep) {
  public TotpCode {
    Objects.requireNonNull(code, "code");
  }
}
