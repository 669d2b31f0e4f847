package org.medxfer.gateway.infra.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medxfer.gateway.api.StudySpecMapper;
import org.medxfer.gateway.api.TrialMapper;
import org.medxfer.gateway.domain.DuplicateRequestIdException;
import org.medxfer.gateway.domain.Failure;
import org.medxfer.gateway.domain.Study;
import org.medxfer.gateway.domain.StudyAlreadyExistsException;
import org.medxfer.gateway.domain.StudyState;
import org.medxfer.gateway.domain.StudyTransaction;
import org.medxfer.gateway.domain.Trial;
import org.medxfer.gateway.domain.TrialAttempt;
import org.medxfer.gateway.domain.TrialCounts;
import org.medxfer.gateway.domain.TrialState;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The changes of one JDBC transaction; the connection is in manual-commit mode. */
final class JdbcStudyTransaction implements StudyTransaction {

  private static final String REQUEST_ID_CONSTRAINT = "studies_request_id_key";

  private final Connection connection;

  JdbcStudyTransaction(Connection connection) {
    this.connection = connection;
  }

  @Override
  public void insertStudy(Study study, String project) {
    String sql =
        "INSERT INTO gateway.studies (name, display_name, state, study_file, spec, request_id,"
            + " error, create_time, update_time, project) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, study.name());
      statement.setString(2, study.displayName());
      statement.setString(3, study.state().name());
      statement.setString(4, study.studyFile());
      statement.setBytes(5, StudySpecMapper.toProto(study.definition()).toByteArray());
      statement.setString(6, study.requestId().isEmpty() ? null : study.requestId());
      Rows.setBytes(statement, 7, Rows.failureBytes(study.failure()));
      Rows.setInstant(statement, 8, study.createTime());
      Rows.setInstant(statement, 9, study.updateTime());
      statement.setString(10, project);
      statement.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw REQUEST_ID_CONSTRAINT.equals(constraintOf(e))
            ? new DuplicateRequestIdException(study.requestId())
            : new StudyAlreadyExistsException(study.name());
      }
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void insertTrials(List<Trial> trials) {
    String sql =
        "INSERT INTO gateway.trials (name, study, cell_ordinal, display_name, spec, data_location,"
            + " state, attempt, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (Trial trial : trials) {
        statement.setString(1, trial.name());
        statement.setString(2, trial.study());
        statement.setInt(3, trial.ordinal());
        statement.setString(4, trial.displayName());
        statement.setBytes(5, TrialMapper.toProto(trial.setup()).toByteArray());
        statement.setBytes(6, TrialMapper.toProto(trial.data()).toByteArray());
        statement.setString(7, trial.state().name());
        statement.setInt(8, trial.attempt());
        Rows.setInstant(statement, 9, trial.createTime());
        Rows.setInstant(statement, 10, trial.updateTime());
        statement.addBatch();
      }
      statement.executeBatch();
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Optional<Study> lockStudy(String name) {
    try {
      // Counts are not needed under the lock; the lateral join would refuse FOR UPDATE anyway.
      List<Study> studies =
          JdbcStudyRepository.query(
              connection,
              "SELECT s.name, s.display_name, s.state, s.study_file, s.spec, s.request_id,"
                  + " s.error, s.create_time, s.update_time, 0 AS queued, 0 AS running,"
                  + " 0 AS succeeded, 0 AS failed, 0 AS cancelled"
                  + " FROM gateway.studies s WHERE s.name = ? FOR UPDATE",
              Rows::study,
              name);
      return studies.stream().findFirst();
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Optional<Trial> lockTrial(String name) {
    return lockTrials(" WHERE name = ? FOR UPDATE", name).stream().findFirst();
  }

  @Override
  public List<Trial> lockOpenTrials(String study) {
    return lockTrials(
        " WHERE study = ? AND state IN ('QUEUED', 'RUNNING') ORDER BY cell_ordinal FOR UPDATE",
        study);
  }

  @Override
  public List<Trial> lockUndispatchedTrials(Instant createdBefore, int limit) {
    return lockTrials(
        " WHERE NOT dispatched AND state = 'QUEUED' AND create_time < ?"
            + " ORDER BY create_time, name LIMIT ? FOR UPDATE SKIP LOCKED",
        createdBefore,
        limit);
  }

  @Override
  public List<Trial> lockUndispatchedTrials(Collection<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    try {
      Array array = connection.createArrayOf("text", names.toArray());
      return lockTrials(
          " WHERE name = ANY (?) AND NOT dispatched AND state = 'QUEUED'"
              + " ORDER BY cell_ordinal FOR UPDATE SKIP LOCKED",
          array);
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  private List<Trial> lockTrials(String where, Object... parameters) {
    try {
      return JdbcStudyRepository.query(
          connection,
          "SELECT " + Rows.TRIAL_COLUMNS + " FROM gateway.trials" + where,
          Rows::trial,
          parameters);
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateTrial(Trial trial) {
    String sql =
        "UPDATE gateway.trials SET state = ?, attempt = ?, progress = ?, training_seconds = ?,"
            + " predictions_key = ?, error = ?, update_time = ?, revision = revision + 1"
            + " WHERE name = ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, trial.state().name());
      statement.setInt(2, trial.attempt());
      Rows.setBytes(
          statement,
          3,
          trial.progress() == null ? null : TrialMapper.toProto(trial.progress()).toByteArray());
      statement.setDouble(4, trial.trainingSeconds());
      statement.setString(5, trial.predictionsKey());
      Rows.setBytes(statement, 6, Rows.failureBytes(trial.failure()));
      Rows.setInstant(statement, 7, trial.updateTime());
      statement.setString(8, trial.name());
      statement.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateStudyState(String name, StudyState state, Failure failure, Instant now) {
    String sql = "UPDATE gateway.studies SET state = ?, error = ?, update_time = ? WHERE name = ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, state.name());
      Rows.setBytes(statement, 2, Rows.failureBytes(failure));
      Rows.setInstant(statement, 3, now);
      statement.setString(4, name);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void touchStudy(String name, Instant now) {
    try (PreparedStatement statement =
        connection.prepareStatement("UPDATE gateway.studies SET update_time = ? WHERE name = ?")) {
      Rows.setInstant(statement, 1, now);
      statement.setString(2, name);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public TrialCounts countTrials(String study) {
    try {
      Map<TrialState, Integer> perState = new EnumMap<>(TrialState.class);
      JdbcStudyRepository.query(
              connection,
              "SELECT state, count(*) FROM gateway.trials WHERE study = ? GROUP BY state",
              row -> Map.entry(TrialState.valueOf(row.getString(1)), row.getInt(2)),
              study)
          .forEach(entry -> perState.put(entry.getKey(), entry.getValue()));
      return TrialCounts.of(perState);
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void markDispatched(Collection<String> trialNames) {
    if (trialNames.isEmpty()) {
      return;
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE gateway.trials SET dispatched = true WHERE name = ANY (?)")) {
      statement.setArray(1, connection.createArrayOf("text", trialNames.toArray()));
      statement.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  private static String constraintOf(SQLException e) {
    if (e instanceof PSQLException postgres) {
      ServerErrorMessage message = postgres.getServerErrorMessage();
      return message == null ? null : message.getConstraint();
    }
    return null;
  }

  @Override
  public void requeueTrial(Trial trial) {
    updateTrial(trial);
    execute(
        "UPDATE gateway.trials SET dispatched = false, deadline = NULL WHERE name = ?",
        trial.name());
  }

  @Override
  public void setDeadline(String trial, Instant deadline) {
    String sql = "UPDATE gateway.trials SET deadline = ? WHERE name = ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      Rows.setInstant(statement, 1, deadline);
      statement.setString(2, trial);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public List<TrialAttempt> expiredAttempts(Instant now, int limit) {
    String sql =
        "SELECT name, study, attempt FROM gateway.trials WHERE state = 'RUNNING' AND deadline < ?"
            + " ORDER BY deadline LIMIT ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      Rows.setInstant(statement, 1, now);
      statement.setInt(2, limit);
      List<TrialAttempt> out = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          out.add(
              new TrialAttempt(
                  rows.getString("name"), rows.getString("study"), rows.getInt("attempt")));
        }
      }
      return out;
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public List<Trial> lockTrialsIn(String study, Collection<TrialState> states) {
    try {
      Array array =
          connection.createArrayOf("text", states.stream().map(TrialState::name).toArray());
      return lockTrials(
          " WHERE study = ? AND state = ANY (?) ORDER BY cell_ordinal FOR UPDATE", study, array);
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  private void execute(String sql, String parameter) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }
}
