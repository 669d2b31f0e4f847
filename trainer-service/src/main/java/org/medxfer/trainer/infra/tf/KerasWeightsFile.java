package org.medxfer.trainer.infra.tf;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.TrialFailedException;

/**
 * A Keras 2 weights file ({@code save_weights} layout, or a full model's {@code model_weights}
 * group): layers listed in the {@code layer_names} attribute, each layer's weights listed in order
 * in its {@code weight_names} attribute and stored at {@code <layer>/<weight name>}.
 *
 * <p>Every problem is reported with the file name and the layer, because "shape mismatch" alone
 * does not tell an operator which of two hundred tensors is wrong.
 */
final class KerasWeightsFile {

  /** One stored weight, flattened row-major. */
  record Weight(String name, long[] shape, float[] values) {}

  private final Path file;
  private final Map<String, List<Weight>> layers;

  private KerasWeightsFile(Path file, Map<String, List<Weight>> layers) {
    this.file = file;
    this.layers = layers;
  }

  /** Reads every layer's weights into memory (the files here are a few megabytes). */
  static KerasWeightsFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new TrialFailedException(
          FailureReason.WEIGHTS_MISSING, "Weight file " + file + " does not exist");
    }
    try (HdfFile hdf = new HdfFile(file)) {
      Group root = hdf;
      if (hdf.getAttribute("layer_names") == null
          && hdf.getChildren().get("model_weights") instanceof Group modelWeights) {
        root = modelWeights;
      }
      String[] layerNames = strings(root.getAttribute("layer_names"));
      if (layerNames == null) {
        throw new TrialFailedException(
            FailureReason.WEIGHTS_CORRUPT,
            "Weight file "
                + file
                + " has no layer_names attribute; it is not a Keras weights file");
      }
      Map<String, List<Weight>> layers = new LinkedHashMap<>();
      for (String layerName : layerNames) {
        layers.put(layerName, readLayer(file, root, layerName));
      }
      return new KerasWeightsFile(file, layers);
    } catch (HdfException | IllegalArgumentException e) {
      throw new TrialFailedException(
          FailureReason.WEIGHTS_CORRUPT,
          "Weight file " + file + " is not a readable HDF5 file: " + e.getMessage(),
          e);
    }
  }

  private static List<Weight> readLayer(Path file, Group root, String layerName) {
    Node layer = root.getByPath(layerName);
    String[] weightNames = strings(layer.getAttribute("weight_names"));
    List<Weight> weights = new ArrayList<>();
    if (weightNames == null) {
      return weights;
    }
    for (String weightName : weightNames) {
      Node node = root.getByPath(layerName + "/" + weightName);
      if (!(node instanceof Dataset dataset)) {
        throw new TrialFailedException(
            FailureReason.WEIGHTS_CORRUPT,
            "Weight file "
                + file
                + ": layer '"
                + layerName
                + "' lists '"
                + weightName
                + "' but holds no such dataset");
      }
      weights.add(
          new Weight(
              weightName,
              dataset.getDimensionsAsLong(),
              floats(file, layerName, weightName, dataset.getDataFlat())));
    }
    return weights;
  }

  private static float[] floats(Path file, String layer, String weight, Object data) {
    if (data instanceof float[] values) {
      return values;
    }
    if (data instanceof double[] values) {
      float[] converted = new float[values.length];
      for (int i = 0; i < values.length; i++) {
        converted[i] = (float) values[i];
      }
      return converted;
    }
    throw new TrialFailedException(
        FailureReason.WEIGHTS_MISMATCH,
        "Weight file "
            + file
            + ": layer '"
            + layer
            + "' weight '"
            + weight
            + "' is not floating point ("
            + (data == null ? "empty" : data.getClass().getSimpleName())
            + ")");
  }

  /** Keras writes empty name lists as zero-length attributes, which jhdf reads as null. */
  private static String[] strings(Attribute attribute) {
    if (attribute == null) {
      return null;
    }
    Object data = attribute.getData();
    if (data == null) {
      return new String[0];
    }
    if (data instanceof String[] values) {
      return values;
    }
    if (data instanceof String value) {
      return new String[] {value};
    }
    throw new IllegalArgumentException(
        "attribute " + attribute.getName() + " is not a list of strings");
  }

  /** Number of stored weight tensors over all layers. */
  int weightCount() {
    return layers.values().stream().mapToInt(List::size).sum();
  }

  /**
   * Resolves each binding to its stored values, checking that the layer and weight exist, the name
   * fits and the shape equals the graph variable's.
   *
   * @return variable name to values, ready for {@link ModelVariables#assign}
   */
  Map<String, float[]> bind(List<KerasWeightBinding> bindings, ModelVariables variables) {
    Map<String, float[]> values = new LinkedHashMap<>();
    for (KerasWeightBinding binding : bindings) {
      List<Weight> weights = layers.get(binding.layer());
      if (weights == null) {
        throw mismatch(binding.layer(), "is missing from the file");
      }
      if (binding.index() >= weights.size()) {
        throw mismatch(
            binding.layer(),
            "has " + weights.size() + " weights, expected at least " + (binding.index() + 1));
      }
      Weight weight = weights.get(binding.index());
      if (!weight.name().endsWith(binding.nameSuffix())) {
        throw mismatch(
            binding.layer(),
            "weight "
                + binding.index()
                + " is '"
                + weight.name()
                + "', expected a name ending in '"
                + binding.nameSuffix()
                + "'");
      }
      long[] expected = variables.entry(binding.variable()).shape().asArray();
      if (!Arrays.equals(weight.shape(), expected)) {
        throw mismatch(
            binding.layer(),
            "weight '"
                + weight.name()
                + "' has shape "
                + Arrays.toString(weight.shape())
                + " but the graph variable "
                + binding.variable()
                + " has shape "
                + Arrays.toString(expected));
      }
      values.put(binding.variable(), weight.values());
    }
    return values;
  }

  private TrialFailedException mismatch(String layer, String problem) {
    return new TrialFailedException(
        FailureReason.WEIGHTS_MISMATCH,
        "Weight file " + file + ": layer '" + layer + "' " + problem);
  }
}
