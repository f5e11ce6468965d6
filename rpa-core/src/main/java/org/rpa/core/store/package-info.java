/**
 * Persistence behind one interface, {@link org.rpa.core.store.JobStore}, with one implementation on
 * Jdbi and HikariCP ({@link org.rpa.core.store.JdbcJobStore}); H2 by default, PostgreSQL for
 * clusters; versioned migrations under {@code db/migration}.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.store;
