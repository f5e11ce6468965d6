/**
 * Persistence behind one interface, {@link org.rpa.core.store.JobStore}, with one implementation on
 * Jdbi and HikariCP ({@link org.rpa.core.store.JdbcJobStore}); H2 by default, PostgreSQL for
 * clusters; versioned migrations ({@link org.rpa.core.store.Migrations}) at classpath {@code
 * org/rpa/core/store/migration}, never at Flyway's default {@code db/migration}, which stays an
 * application's own.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.store;
