package org.rpa.core.testing;

import java.util.UUID;

/** A fresh in-memory H2 database per call, so tests never share state. */
public final class H2 {
  private H2() {}

  public static String memory() {
    return "jdbc:h2:mem:rpa-" + UUID.randomUUID();
  }
}
