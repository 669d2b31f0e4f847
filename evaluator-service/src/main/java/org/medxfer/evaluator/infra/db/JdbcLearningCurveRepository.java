package org.medxfer.evaluator.infra.db;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.medxfer.evaluator.domain.LearningCurve;
import org.medxfer.evaluator.domain.LearningCurvePoint;
import org.medxfer.evaluator.domain.LearningCurveRepository;
import org.medxfer.evaluator.domain.StudyName;
import org.medxfer.evaluator.domain.TrialName;

/** Learning curves in table {@code evaluator.learning_curve_points}, one row per epoch. */
@ApplicationScoped
public class JdbcLearningCurveRepository implements LearningCurveRepository {

  private static final String INSERT =
      "INSERT INTO evaluator.learning_curve_points (trial_name, attempt, study_name, epoch,"
          + " total_epochs, steps, elapsed_seconds, train_loss, val_loss, val_auc)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (trial_name, attempt, epoch) DO NOTHING";

  private static final String BY_STUDY =
      "SELECT trial_name, attempt, epoch, total_epochs, steps, elapsed_seconds, train_loss,"
          + " val_loss, val_auc FROM evaluator.learning_curve_points WHERE study_name = ?"
          + " ORDER BY trial_name, attempt, epoch";

  private final DataSource dataSource;

  JdbcLearningCurveRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public boolean addIfAbsent(
      TrialName trial, int attempt, int totalEpochs, LearningCurvePoint point) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(INSERT)) {
      int i = 0;
      statement.setString(++i, trial.toString());
      statement.setInt(++i, attempt);
      statement.setString(++i, trial.study().toString());
      statement.setInt(++i, point.epoch());
      statement.setInt(++i, totalEpochs);
      statement.setLong(++i, point.steps());
      statement.setDouble(++i, point.elapsedSeconds());
      statement.setDouble(++i, point.trainLoss());
      statement.setDouble(++i, point.valLoss());
      statement.setDouble(++i, point.valAuc());
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      throw JdbcTrialMetricsRepository.translate("storing an epoch of " + trial, e);
    }
  }

  @Override
  public List<LearningCurve> findByStudy(StudyName study) {
    record Key(String trial, int attempt) {}
    Map<Key, List<LearningCurvePoint>> points = new LinkedHashMap<>();
    Map<Key, Integer> totalEpochs = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(BY_STUDY)) {
      statement.setString(1, study.toString());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          Key key = new Key(rows.getString("trial_name"), rows.getInt("attempt"));
          points
              .computeIfAbsent(key, k -> new ArrayList<>())
              .add(
                  new LearningCurvePoint(
                      rows.getInt("epoch"),
                      rows.getLong("steps"),
                      rows.getDouble("elapsed_seconds"),
                      rows.getDouble("train_loss"),
                      rows.getDouble("val_loss"),
                      rows.getDouble("val_auc")));
          totalEpochs.merge(key, rows.getInt("total_epochs"), Math::max);
        }
      }
    } catch (SQLException e) {
      throw JdbcTrialMetricsRepository.translate("reading learning curves of " + study, e);
    }
    List<LearningCurve> curves = new ArrayList<>();
    points.forEach(
        (key, list) ->
            curves.add(
                new LearningCurve(
                    TrialName.parse("trial_name", key.trial()),
                    key.attempt(),
                    totalEpochs.get(key),
                    list)));
    return curves;
  }
}
