package org.medxfer.trainer.infra.objectstore;

import org.medxfer.common.build.CodeVersion;
import org.medxfer.common.objectstore.ObjectStore;
import org.medxfer.proto.dataset.v1.TaskType;
import org.medxfer.proto.trial.v1.TestPredictions;
import org.medxfer.trainer.domain.PredictionStore;
import org.medxfer.trainer.domain.TrainingResult;

/**
 * Writes an attempt's {@code TestPredictions} (binary proto) under the assignment's output prefix;
 * the evaluator computes every metric from it.
 */
public final class ObjectStorePredictionStore implements PredictionStore {

  /** Object name under the output prefix. */
  public static final String OBJECT_NAME = "test_predictions.binpb";

  static final String CONTENT_TYPE = "application/x-protobuf";

  private final ObjectStore store;
  private final String outputPrefix;
  private final String trial;
  private final int attempt;
  private final TaskType taskType;

  /**
   * @param taskType the data set's task type as the assignment states it (an ordinal task trains as
   *     multi-class but is stored as ordinal, so the evaluator knows)
   */
  public ObjectStorePredictionStore(
      ObjectStore store, String outputPrefix, String trial, int attempt, TaskType taskType) {
    this.store = store;
    this.outputPrefix = outputPrefix;
    this.trial = trial;
    this.attempt = attempt;
    this.taskType = taskType;
  }

  /** The key predictions of an attempt with this output prefix are stored under. */
  public static String key(String outputPrefix) {
    return outputPrefix.endsWith("/")
        ? outputPrefix + OBJECT_NAME
        : outputPrefix + "/" + OBJECT_NAME;
  }

  @Override
  public String store(TrainingResult result) {
    TestPredictions.Builder predictions =
        TestPredictions.newBuilder()
            .setTrial(trial)
            .setAttempt(attempt)
            .setTaskType(taskType)
            .setNumClasses(result.testScores().classes())
            .setCodeVersion(CodeVersion.current());
    for (int label : result.testLabels()) {
      predictions.addLabels(label);
    }
    for (float score : result.testScores().values()) {
      predictions.addScores(score);
    }
    String key = key(outputPrefix);
    store.put(key, predictions.build().toByteArray(), CONTENT_TYPE);
    return key;
  }
}
