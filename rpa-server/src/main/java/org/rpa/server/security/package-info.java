/**
 * Authentication and transport security for the HTTP API: JWTs, bcrypt password hashes, users and
 * roles with {@code resource:action} permissions, rate limits, CORS, TLS, and the audit log.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.server.security;
