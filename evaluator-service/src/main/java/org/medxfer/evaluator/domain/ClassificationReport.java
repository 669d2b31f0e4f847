package org.medxfer.evaluator.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The metrics beyond MedMNIST's AUC and ACC, with warnings where those two mislead. Predicted
 * classes are the ones ACC counts ({@link MedMnistMetrics#predictedClass}), so every thresholded
 * metric here agrees with the stored ACC.
 *
 * @param medMnist MedMNIST's AUC and ACC
 * @param auprc average precision as scikit-learn's {@code average_precision_score} computes it:
 *     binary on the class-1 score, otherwise the macro mean of the one-vs-rest values
 * @param balancedAccuracy the unweighted mean of the per-class recalls
 * @param recall per class, the fraction of its images predicted as it
 * @param specificity per class, the fraction of the other images not predicted as it
 * @param f1 binary: F1 of class 1; otherwise the macro mean of the per-class F1
 * @param expectedCalibrationError the weighted mean gap between accuracy and confidence over 10
 *     equal-width bins of the predicted class's score
 * @param warnings why the headline numbers may mislead; empty when nothing was noticed
 */
public record ClassificationReport(
    TestMetrics medMnist,
    double auprc,
    double balancedAccuracy,
    List<Double> recall,
    List<Double> specificity,
    double f1,
    double expectedCalibrationError,
    List<MetricWarning> warnings) {

  /** Below this recall a class counts as almost never recalled. */
  public static final double RARE_RECALL = 0.1;

  /** At or above this macro AUC a never-recalled class is hidden by a good-looking AUC. */
  public static final double GOOD_AUC = 0.7;

  /** Number of equal-width confidence bins of the calibration error, as Guo et al. (2017). */
  public static final int CALIBRATION_BINS = 10;

  public ClassificationReport {
    recall = List.copyOf(recall);
    specificity = List.copyOf(specificity);
    warnings = List.copyOf(warnings);
  }

  /**
   * The report of {@code predictions}.
   *
   * @throws InvalidPredictionsException where MedMNIST's metrics are undefined (for example a
   *     single-class test set); this class then has no number to give either, and refuses rather
   *     than return NaN
   * @throws IllegalArgumentException for multi-label predictions, which have no such report
   */
  public static ClassificationReport of(Predictions predictions) {
    if (predictions.taskType() == TaskType.MULTI_LABEL) {
      throw new IllegalArgumentException(
          "the extended report counts one predicted class per image; multi-label images have"
              + " label sets");
    }
    TestMetrics medMnist = MedMnistMetrics.evaluate(predictions);
    int classes = predictions.numClasses();
    int n = predictions.count();
    int[] labels = predictions.labels();
    int[] predicted = new int[n];
    for (int i = 0; i < n; i++) {
      predicted[i] = MedMnistMetrics.predictedClass(predictions, i);
    }
    // confusion[actual][predicted]
    long[][] confusion = new long[classes][classes];
    long[] support = new long[classes];
    for (int i = 0; i < n; i++) {
      confusion[labels[i]][predicted[i]]++;
      support[labels[i]]++;
    }
    double[] recall = new double[classes];
    double[] specificity = new double[classes];
    double[] f1 = new double[classes];
    double recallSum = 0;
    for (int c = 0; c < classes; c++) {
      long truePositive = confusion[c][c];
      long predictedAsC = 0;
      for (int a = 0; a < classes; a++) {
        predictedAsC += confusion[a][c];
      }
      long falsePositive = predictedAsC - truePositive;
      long falseNegative = support[c] - truePositive;
      long negatives = n - support[c];
      // MedMnistMetrics has checked that every class is present (binary: both), so support and
      // negatives are positive; the guards only keep a future relaxation from producing NaN.
      recall[c] = support[c] == 0 ? 0 : (double) truePositive / support[c];
      specificity[c] = negatives == 0 ? 0 : (double) (negatives - falsePositive) / negatives;
      long f1Denominator = 2 * truePositive + falsePositive + falseNegative;
      // scikit-learn's zero_division default: 0 when the class is neither present nor predicted.
      f1[c] = f1Denominator == 0 ? 0 : 2.0 * truePositive / f1Denominator;
      recallSum += recall[c];
    }
    boolean binary = predictions.taskType() == TaskType.BINARY;
    double auprc;
    double f1Score;
    if (binary) {
      auprc = averagePrecision(predictions, 1);
      f1Score = f1[1];
    } else {
      double apSum = 0;
      for (int c = 0; c < classes; c++) {
        apSum += averagePrecision(predictions, c);
      }
      auprc = apSum / classes;
      f1Score = Arrays.stream(f1).average().orElseThrow();
    }
    double ece = expectedCalibrationError(predictions, predicted);
    List<MetricWarning> warnings = warnings(medMnist, support, recall);
    return new ClassificationReport(
        medMnist,
        auprc,
        recallSum / classes,
        Arrays.stream(recall).boxed().toList(),
        Arrays.stream(specificity).boxed().toList(),
        f1Score,
        ece,
        warnings);
  }

  /**
   * scikit-learn's average precision: the sum over distinct score thresholds, highest first, of
   * (recall gain) × precision at that threshold. Tied scores enter together, as one threshold, so
   * the value does not depend on the order of tied images.
   */
  static double averagePrecision(Predictions predictions, int positiveClass) {
    int n = predictions.count();
    int[] labels = predictions.labels();
    Integer[] order = new Integer[n];
    long positives = 0;
    for (int i = 0; i < n; i++) {
      order[i] = i;
      if (labels[i] == positiveClass) {
        positives++;
      }
    }
    Arrays.sort(
        order,
        (a, b) ->
            Float.compare(
                predictions.score(b, positiveClass), predictions.score(a, positiveClass)));
    double ap = 0;
    double previousRecall = 0;
    long truePositives = 0;
    int i = 0;
    while (i < n) {
      float threshold = predictions.score(order[i], positiveClass);
      while (i < n && predictions.score(order[i], positiveClass) == threshold) {
        if (labels[order[i]] == positiveClass) {
          truePositives++;
        }
        i++;
      }
      double recall = (double) truePositives / positives;
      double precision = (double) truePositives / i;
      ap += (recall - previousRecall) * precision;
      previousRecall = recall;
    }
    return ap;
  }

  /**
   * Expected calibration error over equal-width bins (lo, hi] of the predicted class's score, the
   * first bin closed at 0. A score outside [0, 1] (the trainer stores probabilities, but nothing
   * enforces it) falls into the nearest end bin rather than failing the whole report.
   */
  static double expectedCalibrationError(Predictions predictions, int[] predicted) {
    int n = predictions.count();
    int[] labels = predictions.labels();
    long[] binCount = new long[CALIBRATION_BINS];
    long[] binCorrect = new long[CALIBRATION_BINS];
    double[] binConfidence = new double[CALIBRATION_BINS];
    for (int i = 0; i < n; i++) {
      double confidence = predictions.score(i, predicted[i]);
      int bin = (int) Math.ceil(confidence * CALIBRATION_BINS) - 1;
      bin = Math.max(0, Math.min(CALIBRATION_BINS - 1, bin));
      binCount[bin]++;
      binConfidence[bin] += confidence;
      if (predicted[i] == labels[i]) {
        binCorrect[bin]++;
      }
    }
    double ece = 0;
    for (int b = 0; b < CALIBRATION_BINS; b++) {
      if (binCount[b] > 0) {
        double gap =
            Math.abs((double) binCorrect[b] / binCount[b] - binConfidence[b] / binCount[b]);
        ece += (double) binCount[b] / n * gap;
      }
    }
    return ece;
  }

  private static List<MetricWarning> warnings(
      TestMetrics medMnist, long[] support, double[] recall) {
    List<MetricWarning> warnings = new ArrayList<>();
    long majority = Arrays.stream(support).max().orElseThrow();
    double majorityAccuracy = (double) majority / medMnist.count();
    if (medMnist.acc() <= majorityAccuracy) {
      warnings.add(
          new MetricWarning(
              MetricWarning.Kind.ACCURACY_AT_MAJORITY_BASELINE,
              -1,
              "ACC %.4f is no better than always predicting the most frequent class (%.4f)"
                  .formatted(medMnist.acc(), majorityAccuracy)));
    }
    if (medMnist.auc() >= GOOD_AUC) {
      for (int c = 0; c < recall.length; c++) {
        if (recall[c] < RARE_RECALL) {
          warnings.add(
              new MetricWarning(
                  MetricWarning.Kind.CLASS_RARELY_RECALLED,
                  c,
                  "class %d is recalled in %.4f of its images although the AUC is %.4f"
                      .formatted(c, recall[c], medMnist.auc())));
        }
      }
    }
    return warnings;
  }
}
