package org.rpa.server.security;

import java.util.Objects;

/** Who made a request, from a verified token. */
public record Principal(String username, Role role) {
  public Principal {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
  }
}
