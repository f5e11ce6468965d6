/**
 * Persistence behind one interface, {@link org.rpa.core.store.JobStore}, with one implementation on
 * Jdbi and HikariCP ({@link org.rpa.core.store.JdbcJobStore}); H2 by default, PostgreSQL for
 * clusters; versioned migrations ({@code Migrations}) at classpath {@code
 * org/rpa/core/store/migration}, never at Flyway's default {@code db/migration}, which stays an
 * application's own.
 *
 * <p>The public types here are the store's SPI: {@code JobStore} and its value types (what the
 * engine claims, applies and reads), the smaller stores on the same database ({@code Outbox},
 * {@code SubjectStore}, {@code TotpLedger}), {@code JdbcStores} to open one and {@code Databases}
 * for JDBC URLs. An application reads through the orchestrator's facades instead; every SQL
 * statement of the three modules is in this package.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.store;
