package org.rpa.server.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One user from {@code RPA_USERS}: {@code name:role:bcrypt-hash}, entries separated by commas or
 * new lines. Only the hash is configured, never a password; {@code htpasswd -nbBC 12 name password}
 * prints one ({@code $2y$}), as do other bcrypt tools ({@code $2a$}, {@code $2b$}).
 *
 * @param hash a bcrypt hash of cost 4 to 31 (at least {@value #MIN_PRODUCTION_COST} outside {@code
 *     DEVELOPMENT_MODE})
 */
public record ConfiguredUser(String username, Role role, String hash) {
  public static final int MIN_PRODUCTION_COST = 10;
  public static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._@-]{1,64}$");
  static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$(\\d{2})\\$[./A-Za-z0-9]{53}$");

  public ConfiguredUser {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(hash, "hash");
  }

  /**
   * Parses {@code RPA_USERS}; each bad entry is reported to {@code problem} by its position, never
   * with its hash.
   */
  public static List<ConfiguredUser> parse(
      String text, boolean development, Set<String> reserved, Consumer<String> problem) {
    List<ConfiguredUser> users = new ArrayList<>();
    Set<String> seen = new HashSet<>(reserved);
    String[] entries = text.split("[,\\n]");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      if (entry.isEmpty()) {
        continue;
      }
      String where = "RPA_USERS entry " + (i + 1);
      String[] parts = entry.split(":", 3);
      if (parts.length != 3) {
        problem.accept(where + " must be name:role:bcrypt-hash");
        continue;
      }
      String name = parts[0].trim();
      Role role = role(parts[1].trim());
      String hash = parts[2].trim();
      var bcrypt = BCRYPT.matcher(hash);
      if (!USERNAME.matcher(name).matches()) {
        problem.accept(where + " must have a name of 1 to 64 letters, digits or ._@-");
      } else if (role == null) {
        problem.accept(
            where + " must have the role admin, operator or viewer, but was " + parts[1]);
      } else if (!bcrypt.matches()) {
        problem.accept(where + " (" + name + ") must end with a bcrypt hash ($2a$, $2b$ or $2y$)");
      } else if (Integer.parseInt(bcrypt.group(1)) < 4 || Integer.parseInt(bcrypt.group(1)) > 31) {
        problem.accept(where + " (" + name + ") must have a bcrypt cost of 4 to 31");
      } else if (!development && Integer.parseInt(bcrypt.group(1)) < MIN_PRODUCTION_COST) {
        problem.accept(
            where
                + " ("
                + name
                + ") must have a bcrypt cost of at least "
                + MIN_PRODUCTION_COST
                + " outside DEVELOPMENT_MODE, but was "
                + bcrypt.group(1));
      } else if (!seen.add(name)) {
        problem.accept(where + " (" + name + ") names a user that is already configured");
      } else {
        users.add(new ConfiguredUser(name, role, hash));
      }
    }
    return List.copyOf(users);
  }

  private static Role role(String text) {
    for (Role role : Role.values()) {
      if (role.label().equals(text.toLowerCase(Locale.ROOT))) {
        return role;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return username + ":" + role.label();
  }
}
