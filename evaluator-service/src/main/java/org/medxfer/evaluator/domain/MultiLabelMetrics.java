package org.medxfer.evaluator.domain;

import org.medxfer.common.domain.RocAuc;

/**
 * Multi-label test metrics as the MedMNIST evaluator defines them (ChestMNIST): AUC is the mean
 * over labels of each label's AUC on its own score column; ACC is the mean over labels of the
 * fraction of images whose thresholded score ({@code > 0.5}) equals the label.
 *
 * <p>Where scikit-learn would raise, this class refuses with {@link InvalidPredictionsException}:
 * no image, a non-finite score, a label value other than 0 or 1, and a label that is present in
 * every image or in none (its AUC is undefined, and averaging over fewer labels would not be
 * comparable).
 *
 * <p>Stored multi-label predictions carry each image's label set as a bit mask; {@link
 * MedMnistMetrics#evaluate} decodes it ({@link Predictions#labelMatrix}) and calls this class.
 */
public final class MultiLabelMetrics {

  private MultiLabelMetrics() {}

  /**
   * AUC, ACC and count.
   *
   * @param numLabels k, the number of labels
   * @param labels row-major n × k matrix of 0/1, {@code labels[i * k + j]} for image i, label j
   * @param scores row-major n × k scores, laid out as {@code labels}
   */
  public static TestMetrics evaluate(int numLabels, int[] labels, float[] scores) {
    if (numLabels < 1) {
      throw new InvalidPredictionsException("multi-label predictions need at least one label");
    }
    if (labels.length != scores.length || labels.length % numLabels != 0) {
      throw new InvalidPredictionsException(
          "%d labels and %d scores do not form an n × %d matrix"
              .formatted(labels.length, scores.length, numLabels));
    }
    int n = labels.length / numLabels;
    if (n == 0) {
      throw new InvalidPredictionsException("the test set is empty; AUC and ACC are undefined");
    }
    // Every value is checked before any label's AUC, so that a malformed value is what is reported.
    for (int index = 0; index < labels.length; index++) {
      if (labels[index] != 0 && labels[index] != 1) {
        throw new InvalidPredictionsException(
            "label %d of image %d is %d; multi-label labels are 0 or 1"
                .formatted(index % numLabels, index / numLabels, labels[index]));
      }
      if (!Float.isFinite(scores[index])) {
        throw new InvalidPredictionsException(
            "score of image %d, label %d is %s; scores must be finite"
                .formatted(index / numLabels, index % numLabels, scores[index]));
      }
    }
    double aucSum = 0;
    double accSum = 0;
    for (int j = 0; j < numLabels; j++) {
      int[] column = new int[n];
      float[] columnScores = new float[n];
      long correct = 0;
      for (int i = 0; i < n; i++) {
        int label = labels[i * numLabels + j];
        float score = scores[i * numLabels + j];
        column[i] = label;
        columnScores[i] = score;
        if ((score > MedMnistMetrics.BINARY_THRESHOLD ? 1 : 0) == label) {
          correct++;
        }
      }
      if (!RocAuc.isDefined(column, 1)) {
        throw new InvalidPredictionsException(
            "label %d is %s in all %d test images, so its AUC (part of the mean AUC) is undefined"
                .formatted(j, column[0] == 1 ? "present" : "absent", n));
      }
      aucSum += RocAuc.oneVsRest(columnScores, column, 1);
      accSum += (double) correct / n;
    }
    return new TestMetrics(aucSum / numLabels, accSum / numLabels, n);
  }
}
