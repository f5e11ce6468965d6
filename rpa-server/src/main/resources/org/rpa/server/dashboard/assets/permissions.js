// What each role may do, as the server's roles say (a test compares this table with them). The
// dashboard only hides or disables what a role may not use: the API checks every call itself.
export const ROLES = {
  admin: [
    "browser:read",
    "breaker:reset",
    "evidence:read",
    "job:cancel",
    "job:create",
    "job:read",
    "job:recover",
    "job:update",
    "monitoring:read",
    "privacy:execute",
    "scheduler:process",
    "scheduler:reset",
    "supervisor:control",
    "supervisor:stop_critical",
  ],
  operator: [
    "browser:read",
    "breaker:reset",
    "evidence:read",
    "job:cancel",
    "job:create",
    "job:read",
    "job:recover",
    "job:update",
    "monitoring:read",
    "scheduler:process",
    "supervisor:control",
  ],
  viewer: ["browser:read", "evidence:read", "job:read", "monitoring:read"],
};

export function allows(role, permission) {
  return (ROLES[role] || []).includes(permission);
}
