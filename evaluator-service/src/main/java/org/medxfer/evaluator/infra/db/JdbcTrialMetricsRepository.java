package org.medxfer.evaluator.infra.db;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.medxfer.evaluator.domain.AdaptationKind;
import org.medxfer.evaluator.domain.AdaptationSpec;
import org.medxfer.evaluator.domain.ClassificationReport;
import org.medxfer.evaluator.domain.ComparisonFilter;
import org.medxfer.evaluator.domain.DependencyUnavailableException;
import org.medxfer.evaluator.domain.InitKind;
import org.medxfer.evaluator.domain.InitSpec;
import org.medxfer.evaluator.domain.MetricWarning;
import org.medxfer.evaluator.domain.StudyName;
import org.medxfer.evaluator.domain.TaskType;
import org.medxfer.evaluator.domain.TestMetrics;
import org.medxfer.evaluator.domain.TrialFactors;
import org.medxfer.evaluator.domain.TrialMetrics;
import org.medxfer.evaluator.domain.TrialMetricsRepository;
import org.medxfer.evaluator.domain.TrialName;
import org.medxfer.evaluator.domain.TrialResult;

/** Trial metrics in table {@code evaluator.trial_metrics}, one row per trial attempt. */
@ApplicationScoped
public class JdbcTrialMetricsRepository implements TrialMetricsRepository {

  private static final String COLUMNS =
      "trial_name, attempt, study_name, dataset, dataset_version, architecture, init_kind,"
          + " init_weights, init_up_to_block, init_source_trial, adaptation_kind,"
          + " adaptation_freeze_up_to_block, label_fraction, resolution, seed, spec, task_type,"
          + " test_auc, test_acc, test_count, training_seconds, predictions_key, create_time, auprc,"
          + " balanced_accuracy, f1, expected_calibration_error, recall, specificity, warnings,"
          + " code_version";

  private static final String INSERT =
      "INSERT INTO evaluator.trial_metrics ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?)"
          + " ON CONFLICT (trial_name, attempt) DO NOTHING";

  private static final String CONTAINS =
      "SELECT 1 FROM evaluator.trial_metrics WHERE trial_name = ? AND attempt = ?";

  private static final String LATEST =
      "SELECT "
          + COLUMNS
          + " FROM evaluator.trial_metrics WHERE trial_name = ? ORDER BY attempt DESC LIMIT 1";

  // DISTINCT ON keeps the first row per trial in ORDER BY order: the highest attempt.
  private static final String LATEST_PER_TRIAL_PAGE =
      "SELECT DISTINCT ON (trial_name) "
          + COLUMNS
          + " FROM evaluator.trial_metrics WHERE study_name = ? AND trial_name > ?"
          + " ORDER BY trial_name, attempt DESC LIMIT ?";

  private static final String LATEST_PER_TRIAL =
      "SELECT DISTINCT ON (trial_name) "
          + COLUMNS
          + " FROM evaluator.trial_metrics WHERE study_name = ?"
          + " ORDER BY trial_name, attempt DESC";

  private static final String RESULT_COLUMNS =
      "trial_name, dataset, dataset_version, architecture, init_kind, init_weights,"
          + " init_up_to_block, init_source_trial, adaptation_kind, adaptation_freeze_up_to_block,"
          + " label_fraction, resolution, seed, test_auc, test_acc, training_seconds";

  private static final String LATEST_RESULTS =
      "SELECT DISTINCT ON (trial_name) "
          + RESULT_COLUMNS
          + " FROM evaluator.trial_metrics WHERE study_name = ? ORDER BY trial_name, attempt DESC";

  private static final String COUNT =
      "SELECT count(*) FROM evaluator.trial_metrics WHERE study_name = ?";

  /** Studies whose comparison columns are kept in memory, least recently used dropped first. */
  private static final int CACHED_STUDIES = 16;

  private final DataSource dataSource;

  private final Map<StudyName, CachedResults> resultCache =
      new LinkedHashMap<>(CACHED_STUDIES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StudyName, CachedResults> eldest) {
          return size() > CACHED_STUDIES;
        }
      };

  public JdbcTrialMetricsRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public boolean contains(TrialName trial, int attempt) {
    return query(
        CONTAINS,
        statement -> {
          statement.setString(1, trial.toString());
          statement.setInt(2, attempt);
        },
        ResultSet::next);
  }

  @Override
  public boolean insertIfAbsent(TrialMetrics metrics) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(INSERT)) {
      TrialFactors factors = metrics.factors();
      int i = 0;
      statement.setString(++i, metrics.trial().toString());
      statement.setInt(++i, metrics.attempt());
      statement.setString(++i, metrics.trial().study().toString());
      statement.setString(++i, factors.dataset());
      statement.setString(++i, factors.datasetVersion());
      statement.setString(++i, factors.architecture());
      statement.setString(++i, factors.init().kind().name());
      statement.setString(++i, factors.init().weights());
      statement.setInt(++i, factors.init().upToBlock());
      statement.setString(++i, factors.init().sourceTrial());
      statement.setString(++i, factors.adaptation().kind().name());
      statement.setInt(++i, factors.adaptation().freezeUpToBlock());
      statement.setDouble(++i, factors.labelFraction());
      statement.setInt(++i, factors.resolution());
      statement.setLong(++i, factors.seed());
      statement.setBytes(++i, metrics.spec());
      statement.setString(++i, metrics.taskType().name());
      statement.setDouble(++i, metrics.metrics().auc());
      statement.setDouble(++i, metrics.metrics().acc());
      statement.setLong(++i, metrics.metrics().count());
      statement.setDouble(++i, metrics.trainingSeconds());
      statement.setString(++i, metrics.predictionsKey());
      statement.setTimestamp(++i, Timestamp.from(metrics.createTime()));
      ClassificationReport report = metrics.report().orElse(null);
      setDouble(statement, ++i, report == null ? null : report.auprc());
      setDouble(statement, ++i, report == null ? null : report.balancedAccuracy());
      setDouble(statement, ++i, report == null ? null : report.f1());
      setDouble(statement, ++i, report == null ? null : report.expectedCalibrationError());
      statement.setArray(
          ++i,
          report == null
              ? null
              : connection.createArrayOf("float8", report.recall().toArray(Double[]::new)));
      statement.setArray(
          ++i,
          report == null
              ? null
              : connection.createArrayOf("float8", report.specificity().toArray(Double[]::new)));
      statement.setArray(
          ++i,
          report == null
              ? null
              : connection.createArrayOf(
                  "text",
                  report.warnings().stream()
                      .map(JdbcTrialMetricsRepository::warningCell)
                      .toArray(String[]::new)));
      statement.setString(++i, metrics.codeVersion().orElse(null));
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      throw translate("storing metrics of " + metrics.trial(), e);
    }
  }

  @Override
  public Optional<TrialMetrics> findLatest(TrialName trial) {
    List<TrialMetrics> rows =
        query(LATEST, statement -> statement.setString(1, trial.toString()), this::readAll);
    return rows.stream().findFirst();
  }

  @Override
  public List<TrialMetrics> findLatestPerTrial(StudyName study, String afterTrialId, int limit) {
    // Trial names of one study share their prefix, so ordering by name orders by trial id.
    String afterName = afterTrialId.isEmpty() ? "" : study + "/trials/" + afterTrialId;
    return query(
        LATEST_PER_TRIAL_PAGE,
        statement -> {
          statement.setString(1, study.toString());
          statement.setString(2, afterName);
          statement.setInt(3, limit);
        },
        this::readAll);
  }

  @Override
  public List<TrialMetrics> findLatestPerTrial(StudyName study) {
    return query(
        LATEST_PER_TRIAL, statement -> statement.setString(1, study.toString()), this::readAll);
  }

  /**
   * Served from a per-study cache of the comparison columns, checked against the study's row count
   * on every call. Rows are only ever inserted (never updated or deleted), so the count changes
   * exactly when the study gained an attempt; a repeated comparison of a large study then costs one
   * index count instead of reading every trial (see docs/evaluation.md for the figures).
   */
  @Override
  public List<TrialResult> findLatestResults(StudyName study, ComparisonFilter filter) {
    long rows =
        query(
            COUNT,
            statement -> statement.setString(1, study.toString()),
            r -> {
              r.next();
              return r.getLong(1);
            });
    CachedResults cached;
    synchronized (resultCache) {
      cached = resultCache.get(study);
    }
    if (cached == null || cached.rows() != rows) {
      // The count was read first, so the results read now hold at least that many rows; a row
      // added in between only makes the next call read again.
      cached = new CachedResults(rows, readLatestResults(study));
      synchronized (resultCache) {
        resultCache.put(study, cached);
      }
    }
    return cached.results().stream().filter(r -> filter.matches(r.factors())).toList();
  }

  private record CachedResults(long rows, List<TrialResult> results) {}

  private List<TrialResult> readLatestResults(StudyName study) {
    return query(
        LATEST_RESULTS,
        statement -> statement.setString(1, study.toString()),
        row -> {
          List<TrialResult> results = new ArrayList<>();
          while (row.next()) {
            results.add(
                new TrialResult(
                    TrialName.parse("trial_name", row.getString("trial_name")),
                    readFactors(row),
                    row.getDouble("test_auc"),
                    row.getDouble("test_acc"),
                    row.getDouble("training_seconds")));
          }
          return List.copyOf(results);
        });
  }

  private List<TrialMetrics> readAll(ResultSet rows) throws SQLException {
    List<TrialMetrics> result = new ArrayList<>();
    while (rows.next()) {
      result.add(read(rows));
    }
    return result;
  }

  private static TrialMetrics read(ResultSet row) throws SQLException {
    TrialName trial = TrialName.parse("trial_name", row.getString("trial_name"));
    TrialFactors factors = readFactors(row);
    TestMetrics metrics =
        new TestMetrics(
            row.getDouble("test_auc"), row.getDouble("test_acc"), row.getLong("test_count"));
    return new TrialMetrics(
        trial,
        row.getInt("attempt"),
        factors,
        row.getBytes("spec"),
        TaskType.valueOf(row.getString("task_type")),
        metrics,
        row.getDouble("training_seconds"),
        row.getString("predictions_key"),
        row.getTimestamp("create_time").toInstant(),
        readReport(row, metrics),
        Optional.ofNullable(row.getString("code_version")));
  }

  private static TrialFactors readFactors(ResultSet row) throws SQLException {
    return new TrialFactors(
        row.getString("dataset"),
        row.getString("dataset_version"),
        row.getString("architecture"),
        new InitSpec(
            InitKind.valueOf(row.getString("init_kind")),
            row.getString("init_weights"),
            row.getInt("init_up_to_block"),
            row.getString("init_source_trial")),
        new AdaptationSpec(
            AdaptationKind.valueOf(row.getString("adaptation_kind")),
            row.getInt("adaptation_freeze_up_to_block")),
        row.getDouble("label_fraction"),
        row.getInt("resolution"),
        row.getLong("seed"));
  }

  private static Optional<ClassificationReport> readReport(ResultSet row, TestMetrics medMnist)
      throws SQLException {
    double auprc = row.getDouble("auprc");
    if (row.wasNull()) {
      return Optional.empty();
    }
    List<MetricWarning> warnings = new ArrayList<>();
    for (String cell : (String[]) row.getArray("warnings").getArray()) {
      String[] parts = cell.split("\t", 3);
      warnings.add(
          new MetricWarning(
              MetricWarning.Kind.valueOf(parts[0]), Integer.parseInt(parts[1]), parts[2]));
    }
    return Optional.of(
        new ClassificationReport(
            medMnist,
            auprc,
            row.getDouble("balanced_accuracy"),
            doubles(row.getArray("recall")),
            doubles(row.getArray("specificity")),
            row.getDouble("f1"),
            row.getDouble("expected_calibration_error"),
            warnings));
  }

  private static List<Double> doubles(java.sql.Array array) throws SQLException {
    return List.of((Double[]) array.getArray());
  }

  private static String warningCell(MetricWarning warning) {
    // Messages are the evaluator's own sentences, which hold no tab.
    return warning.kind().name() + "\t" + warning.classIndex() + "\t" + warning.message();
  }

  private static void setDouble(PreparedStatement statement, int index, Double value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.DOUBLE);
    } else {
      statement.setDouble(index, value);
    }
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private interface Reader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private <T> T query(String sql, Binder binder, Reader<T> reader) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        return reader.read(rows);
      }
    } catch (SQLException e) {
      throw translate("querying trial metrics", e);
    }
  }

  /**
   * A lost or refused connection (SQLSTATE class 08, or the pool giving up waiting for one) is an
   * outage a retry may outlive; any other SQL error is a bug and surfaces as such.
   */
  static RuntimeException translate(String what, SQLException e) {
    String state = e.getSQLState();
    boolean unavailable =
        e instanceof SQLTransientException
            || e instanceof SQLRecoverableException
            || state == null
            || state.startsWith("08")
            || state.startsWith("57P");
    if (unavailable) {
      return new DependencyUnavailableException("database unavailable while " + what, e);
    }
    return new IllegalStateException(what + " failed: " + e.getMessage(), e);
  }
}
