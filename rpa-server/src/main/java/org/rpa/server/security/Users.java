package org.rpa.server.security;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users who may log in, with bcrypt hashes and a role each. The admin comes from {@code
 * ADMIN_USERNAME}/{@code ADMIN_PASSWORD}, other users from {@code RPA_USERS} ({@link
 * ConfiguredUser}); embedders and tests may add others.
 *
 * <p>Thread-safe.
 */
public final class Users {
  private record Account(String hash, Role role) {}

  private final PasswordHasher hasher;
  private final Map<String, Account> accounts = new ConcurrentHashMap<>();

  public Users(PasswordHasher hasher) {
    this.hasher = Objects.requireNonNull(hasher, "hasher");
  }

  /** Adds or replaces {@code username}, hashing {@code password}. */
  public Users add(String username, String password, Role role) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
    accounts.put(username, new Account(hasher.hash(password), role));
    return this;
  }

  /** Adds or replaces a user whose bcrypt hash was configured ({@code RPA_USERS}). */
  public Users add(ConfiguredUser user) {
    Objects.requireNonNull(user, "user");
    accounts.put(user.username(), new Account(user.hash(), user.role()));
    return this;
  }

  /** The user if the password matches; one bcrypt verification whether or not the user exists. */
  public Optional<Principal> authenticate(String username, String password) {
    Account account = accounts.get(username);
    boolean verified = hasher.verify(password, account == null ? null : account.hash());
    return verified ? Optional.of(new Principal(username, account.role())) : Optional.empty();
  }

  /** The role of {@code username}, if the user still exists. */
  public Optional<Role> role(String username) {
    return Optional.ofNullable(accounts.get(username)).map(Account::role);
  }
}
