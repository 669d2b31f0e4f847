package org.medxfer.evaluator.domain;

import org.medxfer.common.domain.RocAuc;

/**
 * Test metrics exactly as the MedMNIST evaluator defines them, the single implementation the
 * evaluator uses.
 *
 * <ul>
 *   <li>Binary: AUC of the class-1 score; ACC is the fraction of images where (class-1 score &gt;
 *       0.5) equals (label == 1).
 *   <li>Multi-class and ordinal: the unweighted mean over classes of the one-vs-rest AUC of that
 *       class's score column; ACC is the fraction where the highest-scoring class (the first one on
 *       a tie, as numpy's argmax) is the label.
 * </ul>
 *
 * <p>Where MedMNIST (through scikit-learn) would raise instead of returning a number, this class
 * throws {@link InvalidPredictionsException}: an empty test set, a NaN or infinite score, a test
 * set with a single class, and, for multi-class, a class absent from the test set (its one-vs-rest
 * AUC is undefined, and averaging over fewer classes would not be comparable).
 *
 * <p>Multi-label predictions (label sets as bit masks) are scored by {@link MultiLabelMetrics}.
 */
public final class MedMnistMetrics {

  /** The class-1 score above which a binary prediction counts as positive. */
  public static final double BINARY_THRESHOLD = 0.5;

  private MedMnistMetrics() {}

  /** AUC, ACC and count of {@code predictions}. */
  public static TestMetrics evaluate(Predictions predictions) {
    if (predictions.taskType() == TaskType.MULTI_LABEL) {
      return MultiLabelMetrics.evaluate(
          predictions.numClasses(), predictions.labelMatrix(), predictions.scores());
    }
    checkComputable(predictions);
    return new TestMetrics(auc(predictions), acc(predictions), predictions.count());
  }

  private static void checkComputable(Predictions predictions) {
    switch (predictions.taskType()) {
      case BINARY -> {
        if (predictions.numClasses() != 2) {
          throw new InvalidPredictionsException(
              "binary predictions need 2 score columns, got " + predictions.numClasses());
        }
      }
      case MULTI_CLASS, ORDINAL -> {
        if (predictions.numClasses() < 2) {
          throw new InvalidPredictionsException(
              "%s predictions need at least 2 score columns, got %d"
                  .formatted(predictions.taskType(), predictions.numClasses()));
        }
      }
      default ->
          throw new InvalidPredictionsException("unknown task type " + predictions.taskType());
    }
    if (predictions.count() == 0) {
      throw new InvalidPredictionsException("the test set is empty; AUC and ACC are undefined");
    }
    float[] scores = predictions.scores();
    for (int i = 0; i < scores.length; i++) {
      if (!Float.isFinite(scores[i])) {
        throw new InvalidPredictionsException(
            "score of image %d, class %d is %s; scores must be finite probabilities"
                .formatted(i / predictions.numClasses(), i % predictions.numClasses(), scores[i]));
      }
    }
    int[] classCounts = new int[predictions.numClasses()];
    for (int label : predictions.labels()) {
      classCounts[label]++;
    }
    int presentClasses = 0;
    int lastPresent = -1;
    for (int c = 0; c < classCounts.length; c++) {
      if (classCounts[c] > 0) {
        presentClasses++;
        lastPresent = c;
      }
    }
    if (presentClasses == 1) {
      throw new InvalidPredictionsException(
          "all %d test images have label %d; AUC needs both positives and negatives"
              .formatted(predictions.count(), lastPresent));
    }
    if (predictions.taskType() != TaskType.BINARY) {
      for (int c = 0; c < classCounts.length; c++) {
        if (classCounts[c] == 0) {
          throw new InvalidPredictionsException(
              "class %d has no test image, so its one-vs-rest AUC (part of the macro AUC) is"
                      .formatted(c)
                  + " undefined");
        }
      }
    }
  }

  private static double auc(Predictions predictions) {
    if (predictions.taskType() == TaskType.BINARY) {
      return oneVsRestAuc(predictions, 1);
    }
    double sum = 0;
    for (int c = 0; c < predictions.numClasses(); c++) {
      sum += oneVsRestAuc(predictions, c);
    }
    return sum / predictions.numClasses();
  }

  private static double acc(Predictions predictions) {
    int[] labels = predictions.labels();
    long correct = 0;
    for (int i = 0; i < labels.length; i++) {
      if (predictedClass(predictions, i) == labels[i]) {
        correct++;
      }
    }
    return (double) correct / labels.length;
  }

  /**
   * The class ACC counts as predicted for {@code image}: binary, 1 when the class-1 score is above
   * {@link #BINARY_THRESHOLD}; otherwise the argmax, the first class winning a tie. Public so that
   * every other thresholded metric (recall, F1, calibration) predicts exactly as ACC does.
   */
  public static int predictedClass(Predictions predictions, int image) {
    if (predictions.taskType() == TaskType.BINARY) {
      return predictions.score(image, 1) > BINARY_THRESHOLD ? 1 : 0;
    }
    return argmax(predictions, image);
  }

  private static int argmax(Predictions predictions, int image) {
    int best = 0;
    for (int c = 1; c < predictions.numClasses(); c++) {
      if (predictions.score(image, c) > predictions.score(image, best)) {
        best = c;
      }
    }
    return best;
  }

  private static double oneVsRestAuc(Predictions predictions, int positiveClass) {
    int[] labels = predictions.labels();
    float[] column = new float[labels.length];
    for (int i = 0; i < labels.length; i++) {
      column[i] = predictions.score(i, positiveClass);
    }
    return RocAuc.oneVsRest(column, labels, positiveClass);
  }

  /**
   * Area under the ROC curve of separating the two groups (see {@link RocAuc}).
   *
   * @throws InvalidPredictionsException when either group is empty or a score is NaN
   */
  public static double rocAuc(float[] positiveScores, float[] negativeScores) {
    try {
      return RocAuc.of(positiveScores, negativeScores);
    } catch (IllegalArgumentException e) {
      throw new InvalidPredictionsException(e.getMessage());
    }
  }
}
