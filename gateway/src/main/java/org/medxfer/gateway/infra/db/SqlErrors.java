package org.medxfer.gateway.infra.db;

import java.sql.SQLException;
import org.medxfer.gateway.domain.DependencyUnavailableException;

/** SQL exceptions as domain ones: connection trouble is retryable, the rest are bugs. */
final class SqlErrors {

  /** SQLSTATE of a unique-constraint violation. */
  static final String UNIQUE_VIOLATION = "23505";

  private SqlErrors() {}

  static RuntimeException translate(SQLException e) {
    String state = e.getSQLState();
    // Class 08: connection exception; 57: operator intervention (shutdown); none: the pool gave up.
    if (state == null || state.startsWith("08") || state.startsWith("57")) {
      return new DependencyUnavailableException(
          DependencyUnavailableException.DATABASE_UNAVAILABLE,
          "the database is unavailable: " + e.getMessage(),
          e);
    }
    return new IllegalStateException("SQL failed (" + state + "): " + e.getMessage(), e);
  }
}
