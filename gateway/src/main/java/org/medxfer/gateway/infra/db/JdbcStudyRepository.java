package org.medxfer.gateway.infra.db;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.medxfer.gateway.domain.Study;
import org.medxfer.gateway.domain.StudyCursor;
import org.medxfer.gateway.domain.StudyRepository;
import org.medxfer.gateway.domain.StudyTransaction;
import org.medxfer.gateway.domain.Trial;

/** Studies and trials in PostgreSQL schema {@code gateway}, with plain JDBC. */
@ApplicationScoped
public class JdbcStudyRepository implements StudyRepository {

  private final DataSource dataSource;

  public JdbcStudyRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public <T> T inTransaction(Function<StudyTransaction, T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.apply(new JdbcStudyTransaction(connection));
        connection.commit();
        return result;
      } catch (RuntimeException | SQLException e) {
        rollbackQuietly(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Optional<Study> findStudy(String name) {
    return queryOne(Rows.STUDY_SELECT + " WHERE s.name = ?", Rows::study, name);
  }

  @Override
  public Optional<Study> findStudyByRequestId(String requestId) {
    return queryOne(Rows.STUDY_SELECT + " WHERE s.request_id = ?", Rows::study, requestId);
  }

  @Override
  public Optional<String> projectOf(String name) {
    return queryOne(
        "SELECT project FROM gateway.studies WHERE name = ?", rows -> rows.getString(1), name);
  }

  @Override
  public List<Study> listStudies(String project, Optional<StudyCursor> after, int limit) {
    if (after.isEmpty()) {
      return query(
          Rows.STUDY_SELECT
              + " WHERE s.project = ? ORDER BY s.create_time DESC, s.name DESC LIMIT ?",
          Rows::study,
          project,
          limit);
    }
    return query(
        Rows.STUDY_SELECT
            + " WHERE s.project = ? AND (s.create_time, s.name) < (?, ?)"
            + " ORDER BY s.create_time DESC, s.name DESC LIMIT ?",
        Rows::study,
        project,
        after.get().createTime(),
        after.get().name(),
        limit);
  }

  @Override
  public Optional<Trial> findTrial(String name) {
    return queryOne(
        "SELECT " + Rows.TRIAL_COLUMNS + " FROM gateway.trials WHERE name = ?", Rows::trial, name);
  }

  @Override
  public List<Trial> listTrials(String study, int after, int limit) {
    return query(
        "SELECT "
            + Rows.TRIAL_COLUMNS
            + " FROM gateway.trials WHERE study = ? AND cell_ordinal > ?"
            + " ORDER BY cell_ordinal LIMIT ?",
        Rows::trial,
        study,
        after,
        limit);
  }

  @Override
  public List<Trial> findTrials(Collection<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    return withConnection(
        connection -> {
          Array array = connection.createArrayOf("text", names.toArray());
          return query(
              connection,
              "SELECT "
                  + Rows.TRIAL_COLUMNS
                  + " FROM gateway.trials WHERE name = ANY (?) ORDER BY cell_ordinal",
              Rows::trial,
              array);
        });
  }

  @Override
  public Map<String, Long> trialRevisions(String study) {
    return withConnection(
        connection -> {
          Map<String, Long> revisions = new LinkedHashMap<>();
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT name, revision FROM gateway.trials WHERE study = ?")) {
            statement.setString(1, study);
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                revisions.put(rows.getString(1), rows.getLong(2));
              }
            }
          }
          return revisions;
        });
  }

  /** Work on a pooled connection in auto-commit mode. */
  @FunctionalInterface
  private interface ConnectionWork<T> {
    T apply(Connection connection) throws SQLException;
  }

  private <T> T withConnection(ConnectionWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.apply(connection);
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  private <T> Optional<T> queryOne(String sql, RowReader<T> reader, Object... parameters) {
    List<T> rows = query(sql, reader, parameters);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private <T> List<T> query(String sql, RowReader<T> reader, Object... parameters) {
    return withConnection(connection -> query(connection, sql, reader, parameters));
  }

  static <T> List<T> query(
      Connection connection, String sql, RowReader<T> reader, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] instanceof Instant instant) {
          Rows.setInstant(statement, i + 1, instant);
        } else {
          statement.setObject(i + 1, parameters[i]);
        }
      }
      try (ResultSet rows = statement.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rows.next()) {
          out.add(reader.read(rows));
        }
        return out;
      }
    }
  }

  /** Reads one row. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }
}
