package org.medxfer.gateway.infra.db;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.Status;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.medxfer.gateway.api.StudySpecMapper;
import org.medxfer.gateway.api.TrialMapper;
import org.medxfer.gateway.domain.Failure;
import org.medxfer.gateway.domain.Study;
import org.medxfer.gateway.domain.StudyState;
import org.medxfer.gateway.domain.Trial;
import org.medxfer.gateway.domain.TrialCounts;
import org.medxfer.gateway.domain.TrialSetup;
import org.medxfer.gateway.domain.TrialState;
import org.medxfer.proto.study.v1.StudySpec;
import org.medxfer.proto.trial.v1.DataLocation;
import org.medxfer.proto.trial.v1.EpochCompleted;
import org.medxfer.proto.trial.v1.TrialSpec;

/** Columns of {@code gateway.studies} and {@code gateway.trials} to and from domain objects. */
final class Rows {

  /** Study columns plus per-state trial counts, for every study read. */
  static final String STUDY_SELECT =
      """
      SELECT s.name, s.display_name, s.state, s.study_file, s.spec, s.request_id, s.error,
             s.create_time, s.update_time,
             c.queued, c.running, c.succeeded, c.failed, c.cancelled
      FROM gateway.studies s
      LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE t.state = 'QUEUED') AS queued,
               count(*) FILTER (WHERE t.state = 'RUNNING') AS running,
               count(*) FILTER (WHERE t.state = 'SUCCEEDED') AS succeeded,
               count(*) FILTER (WHERE t.state = 'FAILED') AS failed,
               count(*) FILTER (WHERE t.state = 'CANCELLED') AS cancelled
        FROM gateway.trials t WHERE t.study = s.name) c ON true
      """;

  static final String TRIAL_COLUMNS =
      "name, study, cell_ordinal, spec, data_location, state, attempt, progress,"
          + " training_seconds, predictions_key, error, create_time, update_time";

  private Rows() {}

  static Study study(ResultSet row) throws SQLException {
    int queued = row.getInt("queued");
    int running = row.getInt("running");
    int succeeded = row.getInt("succeeded");
    int failed = row.getInt("failed");
    int cancelled = row.getInt("cancelled");
    TrialCounts counts =
        new TrialCounts(
            queued + running + succeeded + failed + cancelled,
            queued,
            running,
            succeeded,
            failed,
            cancelled);
    return new Study(
        row.getString("name"),
        StudyState.valueOf(row.getString("state")),
        instant(row, "create_time"),
        instant(row, "update_time"),
        failure(row.getBytes("error")),
        StudySpecMapper.toDomain(
            parse(StudySpec.parser(), row.getBytes("spec")), row.getString("display_name")),
        row.getString("study_file"),
        row.getString("request_id"),
        counts);
  }

  static Trial trial(ResultSet row) throws SQLException {
    TrialSetup setup =
        TrialMapper.toDomain(
            parse(TrialSpec.parser(), row.getBytes("spec")), row.getInt("cell_ordinal"));
    byte[] progress = row.getBytes("progress");
    return new Trial(
        row.getString("name"),
        row.getString("study"),
        setup,
        TrialMapper.toDomain(
            parse(DataLocation.parser(), row.getBytes("data_location")), setup.datasetVersion()),
        TrialState.valueOf(row.getString("state")),
        row.getInt("attempt"),
        progress == null ? null : TrialMapper.toDomain(parse(EpochCompleted.parser(), progress)),
        row.getDouble("training_seconds"),
        row.getString("predictions_key"),
        failure(row.getBytes("error")),
        instant(row, "create_time"),
        instant(row, "update_time"));
  }

  static byte[] failureBytes(Failure failure) {
    return failure == null ? null : TrialMapper.toProto(failure).toByteArray();
  }

  static void setBytes(PreparedStatement statement, int index, byte[] bytes) throws SQLException {
    if (bytes == null) {
      statement.setNull(index, Types.BINARY);
    } else {
      statement.setBytes(index, bytes);
    }
  }

  static void setInstant(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  static Instant instant(ResultSet row, String column) throws SQLException {
    return row.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static Failure failure(byte[] bytes) {
    return bytes == null ? null : TrialMapper.toDomain(parse(Status.parser(), bytes));
  }

  private static <T> T parse(com.google.protobuf.Parser<T> parser, byte[] bytes) {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a stored proto column is corrupt", e);
    }
  }
}
