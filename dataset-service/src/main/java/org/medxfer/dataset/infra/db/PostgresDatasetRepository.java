package org.medxfer.dataset.infra.db;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.medxfer.dataset.domain.Dataset;
import org.medxfer.dataset.domain.DatasetCard;
import org.medxfer.dataset.domain.DatasetCursor;
import org.medxfer.dataset.domain.DatasetPage;
import org.medxfer.dataset.domain.DatasetRepository;
import org.medxfer.dataset.domain.DatasetState;
import org.medxfer.dataset.domain.DatasetVersion;
import org.medxfer.dataset.domain.DependencyUnavailableException;
import org.medxfer.dataset.domain.ImageShape;
import org.medxfer.dataset.domain.ImportError;
import org.medxfer.dataset.domain.PixelStatistics;
import org.medxfer.dataset.domain.RecordedRequest;
import org.medxfer.dataset.domain.ResolutionVariant;
import org.medxfer.dataset.domain.Split;
import org.medxfer.dataset.domain.SplitInfo;
import org.medxfer.dataset.domain.TaskType;

/** The records of data sets in PostgreSQL schema {@code datasets}, with plain JDBC. */
@ApplicationScoped
public class PostgresDatasetRepository implements DatasetRepository {

  // First key of the two-key advisory lock: keeps these locks apart from any other lock users.
  private static final int IMPORT_LOCK_NAMESPACE = 0x6d78_6473; // "mxds"

  private static final String DATASET_COLUMNS =
      "dataset_id, project, display_name, state, create_time, update_time, modality, task_type,"
          + " class_names, license, source, latest_version_id, error_reason, error_message";

  private final DataSource dataSource;

  public PostgresDatasetRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<Dataset> findDataset(String datasetId) {
    return query(
        "find datasets/" + datasetId,
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT " + DATASET_COLUMNS + " FROM datasets.datasets WHERE dataset_id = ?")) {
            statement.setString(1, datasetId);
            try (ResultSet row = statement.executeQuery()) {
              return row.next() ? Optional.of(dataset(row)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public Optional<DatasetVersion> findVersion(String datasetId, String versionId) {
    return query(
        "find datasets/" + datasetId + "/versions/" + versionId,
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT content_hash, create_time, modality, task_type, class_names, license,"
                      + " source, image_height, image_width, image_channels, pixel_mean,"
                      + " pixel_std, pixel_min, pixel_max"
                      + " FROM datasets.versions WHERE dataset_id = ? AND version_id = ?")) {
            statement.setString(1, datasetId);
            statement.setString(2, versionId);
            try (ResultSet row = statement.executeQuery()) {
              if (!row.next()) {
                return Optional.<DatasetVersion>empty();
              }
              String contentHash = row.getString("content_hash");
              Instant createTime = instant(row, "create_time");
              DatasetCard card = card(row);
              ImageShape shape =
                  new ImageShape(
                      row.getInt("image_height"),
                      row.getInt("image_width"),
                      row.getInt("image_channels"));
              return Optional.of(
                  new DatasetVersion(
                      datasetId,
                      versionId,
                      contentHash,
                      createTime,
                      card,
                      shape,
                      splits(connection, datasetId, versionId),
                      pixelStatistics(row)));
            }
          }
        });
  }

  private static List<SplitInfo> splits(Connection connection, String datasetId, String versionId)
      throws SQLException {
    List<SplitInfo> splits = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT split, image_count, class_counts, shard_key, shard_bytes FROM datasets.splits"
                + " WHERE dataset_id = ? AND version_id = ?")) {
      statement.setString(1, datasetId);
      statement.setString(2, versionId);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          Long[] classCounts = (Long[]) row.getArray("class_counts").getArray();
          splits.add(
              new SplitInfo(
                  Split.fromKey(row.getString("split")).orElseThrow(),
                  row.getLong("image_count"),
                  Arrays.asList(classCounts),
                  row.getString("shard_key"),
                  row.getLong("shard_bytes")));
        }
      }
    }
    splits.sort((a, b) -> a.split().compareTo(b.split()));
    return splits;
  }

  @Override
  public Optional<ResolutionVariant> findVariant(String datasetId, String versionId, int size) {
    return query(
        "find a %d px variant of datasets/%s/versions/%s".formatted(size, datasetId, versionId),
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT r.split, s.image_count, s.class_counts, r.shard_key, r.shard_bytes,"
                      + " v.image_channels FROM datasets.resolution_variants r"
                      + " JOIN datasets.splits s USING (dataset_id, version_id, split)"
                      + " JOIN datasets.versions v USING (dataset_id, version_id)"
                      + " WHERE r.dataset_id = ? AND r.version_id = ? AND r.size = ?")) {
            statement.setString(1, datasetId);
            statement.setString(2, versionId);
            statement.setInt(3, size);
            List<SplitInfo> splits = new ArrayList<>();
            int channels = 0;
            try (ResultSet row = statement.executeQuery()) {
              while (row.next()) {
                channels = row.getInt("image_channels");
                splits.add(
                    new SplitInfo(
                        Split.fromKey(row.getString("split")).orElseThrow(),
                        row.getLong("image_count"),
                        Arrays.asList((Long[]) row.getArray("class_counts").getArray()),
                        row.getString("shard_key"),
                        row.getLong("shard_bytes")));
              }
            }
            if (splits.isEmpty()) {
              return Optional.<ResolutionVariant>empty();
            }
            splits.sort((a, b) -> a.split().compareTo(b.split()));
            return Optional.of(
                new ResolutionVariant(
                    datasetId, versionId, size, new ImageShape(size, size, channels), splits));
          }
        });
  }

  @Override
  public void insertVariant(ResolutionVariant variant, Instant at) {
    inTransaction(
        "record a %d px variant of datasets/%s/versions/%s"
            .formatted(variant.size(), variant.datasetId(), variant.versionId()),
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "INSERT INTO datasets.resolution_variants (dataset_id, version_id, size, split,"
                      + " shard_key, shard_bytes, create_time) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (SplitInfo split : variant.splits()) {
              statement.setString(1, variant.datasetId());
              statement.setString(2, variant.versionId());
              statement.setInt(3, variant.size());
              statement.setString(4, split.split().key());
              statement.setString(5, split.shardKey());
              statement.setLong(6, split.shardBytes());
              statement.setObject(7, timestamp(at));
              statement.addBatch();
            }
            statement.executeBatch();
          }
          return null;
        });
  }

  @Override
  public DatasetPage listDatasets(String project, int pageSize, Optional<DatasetCursor> after) {
    return query(
        "list datasets of a project",
        connection -> {
          String sql =
              "SELECT "
                  + DATASET_COLUMNS
                  + " FROM datasets.datasets WHERE project = ?"
                  + (after.isPresent() ? " AND (create_time, dataset_id) < (?, ?)" : "")
                  + " ORDER BY create_time DESC, dataset_id DESC LIMIT ?";
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, project);
            int parameter = 2;
            if (after.isPresent()) {
              statement.setObject(parameter++, timestamp(after.get().createTime()));
              statement.setString(parameter++, after.get().datasetId());
            }
            // One more than asked tells whether another page follows.
            statement.setInt(parameter, pageSize + 1);
            List<Dataset> datasets = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
              while (row.next()) {
                datasets.add(dataset(row));
              }
            }
            if (datasets.size() <= pageSize) {
              return new DatasetPage(datasets, Optional.empty());
            }
            List<Dataset> page = datasets.subList(0, pageSize);
            Dataset last = page.get(pageSize - 1);
            return new DatasetPage(
                page, Optional.of(new DatasetCursor(last.createTime(), last.datasetId())));
          }
        });
  }

  @Override
  public Optional<RecordedRequest> findRequest(String project, String requestId) {
    return query(
        "find import request",
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT dataset_id, version_id, already_existed FROM datasets.import_requests"
                      + " WHERE project = ? AND request_id = ?")) {
            statement.setString(1, project);
            statement.setString(2, requestId);
            try (ResultSet row = statement.executeQuery()) {
              return row.next()
                  ? Optional.of(
                      new RecordedRequest(
                          row.getString("dataset_id"),
                          row.getString("version_id"),
                          row.getBoolean("already_existed")))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public void recordRequest(String project, String requestId, RecordedRequest outcome, Instant at) {
    query(
        "record import request",
        connection -> {
          insertRequest(connection, project, requestId, outcome, at);
          return null;
        });
  }

  private static void insertRequest(
      Connection connection, String project, String requestId, RecordedRequest outcome, Instant at)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO datasets.import_requests"
                + " (project, request_id, dataset_id, version_id, already_existed, create_time)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (project, request_id) DO NOTHING")) {
      statement.setString(1, project);
      statement.setString(2, requestId);
      statement.setString(3, outcome.datasetId());
      statement.setString(4, outcome.versionId());
      statement.setBoolean(5, outcome.alreadyExisted());
      statement.setObject(6, timestamp(at));
      statement.executeUpdate();
    }
  }

  @Override
  public void insertVersion(
      String project, String displayName, DatasetVersion version, String requestId) {
    inTransaction(
        "record datasets/" + version.datasetId() + "/versions/" + version.versionId(),
        connection -> {
          upsertDataset(connection, project, displayName, version);
          insertVersionRow(connection, version);
          for (SplitInfo split : version.splits()) {
            insertSplit(connection, version, split);
          }
          if (!requestId.isEmpty()) {
            insertRequest(
                connection,
                project,
                requestId,
                new RecordedRequest(version.datasetId(), version.versionId(), false),
                version.createTime());
          }
          return null;
        });
  }

  private static void upsertDataset(
      Connection connection, String project, String displayName, DatasetVersion v)
      throws SQLException {
    DatasetCard card = v.card();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO datasets.datasets ("
                + DATASET_COLUMNS
                + ") VALUES (?, ?, ?, 'READY', ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)"
                + " ON CONFLICT (dataset_id) DO UPDATE SET display_name = EXCLUDED.display_name,"
                + " state = 'READY', update_time = EXCLUDED.update_time,"
                + " modality = EXCLUDED.modality, task_type = EXCLUDED.task_type,"
                + " class_names = EXCLUDED.class_names, license = EXCLUDED.license,"
                + " source = EXCLUDED.source, latest_version_id = EXCLUDED.latest_version_id,"
                + " error_reason = NULL, error_message = NULL")) {
      statement.setString(1, v.datasetId());
      statement.setString(2, project);
      statement.setString(3, displayName);
      statement.setObject(4, timestamp(v.createTime()));
      statement.setObject(5, timestamp(v.createTime()));
      statement.setString(6, card.modality());
      statement.setString(7, card.taskType().name());
      statement.setArray(8, textArray(connection, card.classNames()));
      statement.setString(9, card.license());
      statement.setString(10, card.source());
      statement.setString(11, v.versionId());
      statement.executeUpdate();
    }
  }

  private static void insertVersionRow(Connection connection, DatasetVersion v)
      throws SQLException {
    DatasetCard card = v.card();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO datasets.versions (dataset_id, version_id, content_hash, create_time,"
                + " modality, task_type, class_names, license, source, image_height, image_width,"
                + " image_channels, pixel_mean, pixel_std, pixel_min, pixel_max)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      statement.setString(1, v.datasetId());
      statement.setString(2, v.versionId());
      statement.setString(3, v.contentHash());
      statement.setObject(4, timestamp(v.createTime()));
      statement.setString(5, card.modality());
      statement.setString(6, card.taskType().name());
      statement.setArray(7, textArray(connection, card.classNames()));
      statement.setString(8, card.license());
      statement.setString(9, card.source());
      statement.setInt(10, v.imageShape().height());
      statement.setInt(11, v.imageShape().width());
      statement.setInt(12, v.imageShape().channels());
      PixelStatistics stats = v.pixelStatistics().orElse(null);
      statement.setArray(
          13, stats == null ? null : connection.createArrayOf("float8", stats.mean().toArray()));
      statement.setArray(
          14, stats == null ? null : connection.createArrayOf("float8", stats.std().toArray()));
      statement.setArray(
          15, stats == null ? null : connection.createArrayOf("int4", stats.min().toArray()));
      statement.setArray(
          16, stats == null ? null : connection.createArrayOf("int4", stats.max().toArray()));
      statement.executeUpdate();
    }
  }

  private static Optional<PixelStatistics> pixelStatistics(ResultSet row) throws SQLException {
    java.sql.Array mean = row.getArray("pixel_mean");
    if (mean == null) {
      return Optional.empty();
    }
    return Optional.of(
        new PixelStatistics(
            List.of((Double[]) mean.getArray()),
            List.of((Double[]) row.getArray("pixel_std").getArray()),
            List.of((Integer[]) row.getArray("pixel_min").getArray()),
            List.of((Integer[]) row.getArray("pixel_max").getArray())));
  }

  private static void insertSplit(Connection connection, DatasetVersion v, SplitInfo split)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO datasets.splits (dataset_id, version_id, split, image_count,"
                + " class_counts, shard_key, shard_bytes) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      statement.setString(1, v.datasetId());
      statement.setString(2, v.versionId());
      statement.setString(3, split.split().key());
      statement.setLong(4, split.count());
      statement.setArray(
          5, connection.createArrayOf("bigint", split.classCounts().toArray(Long[]::new)));
      statement.setString(6, split.shardKey());
      statement.setLong(7, split.shardBytes());
      statement.executeUpdate();
    }
  }

  @Override
  public void markImportFailed(String project, String datasetId, ImportError error, Instant at) {
    query(
        "mark datasets/" + datasetId + " failed",
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "UPDATE datasets.datasets SET state = 'FAILED', error_reason = ?,"
                      + " error_message = ?, update_time = ? WHERE dataset_id = ? AND project = ?")) {
            statement.setString(1, error.reason());
            statement.setString(2, error.message());
            statement.setObject(3, timestamp(at));
            statement.setString(4, datasetId);
            statement.setString(5, project);
            statement.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void clearImportFailure(String project, String datasetId, Instant at) {
    query(
        "mark datasets/" + datasetId + " ready",
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "UPDATE datasets.datasets SET state = 'READY', error_reason = NULL,"
                      + " error_message = NULL, update_time = ?"
                      + " WHERE dataset_id = ? AND project = ? AND state = 'FAILED'")) {
            statement.setObject(1, timestamp(at));
            statement.setString(2, datasetId);
            statement.setString(3, project);
            statement.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public <T> T withImportLock(String datasetId, Supplier<T> work) {
    // A transaction-level lock on a connection of its own: ending that transaction always releases
    // it, even when the work fails or the connection breaks.
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw failure("lock imports into datasets/" + datasetId, e);
    }
    try (connection) {
      connection.setAutoCommit(false);
      try (PreparedStatement statement =
          connection.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
        statement.setInt(1, IMPORT_LOCK_NAMESPACE);
        statement.setString(2, datasetId);
        statement.execute();
      }
      try {
        return work.get();
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw failure("lock imports into datasets/" + datasetId, e);
    }
  }

  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T query(String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private <T> T inTransaction(String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * Connection trouble is a dependency outage (retryable); anything else is a bug or a conflict.
   */
  private static RuntimeException failure(String what, SQLException e) {
    String state = e.getSQLState();
    if (state == null
        || state.startsWith("08")
        || state.startsWith("57P")
        || state.startsWith("53")) {
      return new DependencyUnavailableException("database unavailable: cannot " + what, e);
    }
    return new IllegalStateException("database: cannot " + what + ": " + e.getMessage(), e);
  }

  private static Dataset dataset(ResultSet row) throws SQLException {
    String errorReason = row.getString("error_reason");
    return new Dataset(
        row.getString("dataset_id"),
        row.getString("project"),
        row.getString("display_name"),
        DatasetState.valueOf(row.getString("state")),
        instant(row, "create_time"),
        instant(row, "update_time"),
        card(row),
        row.getString("latest_version_id"),
        errorReason == null
            ? Optional.empty()
            : Optional.of(new ImportError(errorReason, row.getString("error_message"))));
  }

  private static DatasetCard card(ResultSet row) throws SQLException {
    return new DatasetCard(
        row.getString("modality"),
        TaskType.valueOf(row.getString("task_type")),
        Arrays.asList((String[]) row.getArray("class_names").getArray()),
        row.getString("license"),
        row.getString("source"));
  }

  private static Array textArray(Connection connection, List<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray(String[]::new));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    return row.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
