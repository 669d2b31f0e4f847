package org.medxfer.trainer.infra.tf;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.TrainingSpec;
import org.medxfer.trainer.domain.TrialFailedException;
import org.tensorflow.Session;

/**
 * Puts a trial's starting weights into an initialised session (which holds the seeded random values
 * already): ImageNet, Mean-Var, partial transfer or another trial's final model.
 */
final class WeightInitializer {

  private WeightInitializer() {}

  /**
   * @param imageNetFile the verified weight file for inits that use ImageNet weights
   * @param sourceModel the source trial's final model for a trial-checkpoint init
   */
  static void apply(
      TrainingSpec spec,
      TfNetwork network,
      Session session,
      Path imageNetFile,
      StoredState.Model sourceModel) {
    switch (spec.initialization()) {
      case RANDOM -> {}
      case IMAGENET -> network.loadImageNetWeights(session, imageNetFile);
      case PARTIAL -> {
        Map<String, float[]> random = network.variables().snapshot(session);
        network.loadImageNetWeights(session, imageNetFile);
        List<String> blocks = network.blockNames();
        Map<String, float[]> above = new LinkedHashMap<>();
        for (ModelVariables.Entry entry : network.variables().entries()) {
          int block = blocks.indexOf(entry.block());
          if (block >= spec.options().initUpToBlock()) {
            above.put(entry.name(), random.get(entry.name()));
          }
        }
        network.variables().assign(session, above);
      }
      case MEAN_VAR -> {
        Map<String, float[]> random = network.variables().snapshot(session);
        network.loadImageNetWeights(session, imageNetFile);
        Map<String, float[]> pretrained = network.variables().snapshot(session);
        network.variables().assign(session, meanVar(network, random, pretrained, spec.seed()));
      }
      case TRIAL_CHECKPOINT ->
          network.variables().assign(session, fromModel(spec, network, sourceModel));
      default ->
          throw new IllegalArgumentException("unknown initialization " + spec.initialization());
    }
  }

  /**
   * Transfusion's Mean-Var: each trainable backbone tensor becomes i.i.d. normal draws with the
   * pretrained tensor's mean and variance. Batch-norm moving statistics are not weights: they keep
   * their random-init values (0 and 1) and are learned again. The head stays random.
   */
  static Map<String, float[]> meanVar(
      TfNetwork network, Map<String, float[]> random, Map<String, float[]> pretrained, long seed) {
    Map<String, float[]> values = new LinkedHashMap<>();
    int index = 0;
    for (ModelVariables.Entry entry : network.variables().entries()) {
      index++;
      if (entry.block().equals(ModelVariables.HEAD_BLOCK)) {
        continue;
      }
      if (!entry.trainable()) {
        values.put(entry.name(), random.get(entry.name()));
        continue;
      }
      float[] source = pretrained.get(entry.name());
      double mean = 0;
      for (float v : source) {
        mean += v;
      }
      mean /= source.length;
      double variance = 0;
      for (float v : source) {
        variance += (v - mean) * (v - mean);
      }
      double std = Math.sqrt(variance / source.length);
      SplittableRandom draws = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
      float[] drawn = new float[source.length];
      for (int i = 0; i < drawn.length; i++) {
        drawn[i] = (float) (mean + std * draws.nextGaussian());
      }
      values.put(entry.name(), drawn);
    }
    return values;
  }

  /**
   * Another trial's final model: every backbone variable must be there with the same shape; the
   * head is taken too when the class counts agree and stays random otherwise.
   */
  private static Map<String, float[]> fromModel(
      TrainingSpec spec, TfNetwork network, StoredState.Model model) {
    String source = spec.options().sourceTrial();
    if (!model.architecture().equals(spec.architecture().id())) {
      throw new TrialFailedException(
          FailureReason.WEIGHTS_MISMATCH,
          "init.source_trial "
              + source
              + " trained "
              + model.architecture()
              + ", not "
              + spec.architecture().id());
    }
    Map<String, float[]> values = new LinkedHashMap<>();
    for (ModelVariables.Entry entry : network.variables().entries()) {
      boolean head = entry.block().equals(ModelVariables.HEAD_BLOCK);
      StoredState.Tensor stored = model.variables().get(entry.name());
      long[] expected = entry.shape().asArray();
      if (stored == null) {
        if (head) {
          continue;
        }
        throw new TrialFailedException(
            FailureReason.WEIGHTS_MISMATCH,
            "the final model of " + source + " has no variable " + entry.name());
      }
      if (!Arrays.equals(stored.shape(), expected)) {
        if (head) {
          continue; // another class count: the head is re-initialised
        }
        throw new TrialFailedException(
            FailureReason.WEIGHTS_MISMATCH,
            "the final model of "
                + source
                + ": layer "
                + entry.name()
                + " has shape "
                + Arrays.toString(stored.shape())
                + " but the graph variable has shape "
                + Arrays.toString(expected));
      }
      values.put(entry.name(), stored.values());
    }
    return values;
  }
}
