package org.medxfer.trainer.infra.tf;

import java.nio.file.Path;
import java.util.List;
import org.medxfer.trainer.domain.Architecture;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.TrialFailedException;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * One architecture's graph pieces: its variables, its forward pass and its pretrained-weight
 * mapping. The network owns the {@link Graph}; the trainer adds inputs, loss and optimizer to it
 * and must close its session before closing the network.
 */
abstract class TfNetwork implements AutoCloseable {

  /** Weight of the old moving average per batch-norm update; see {@link Layers#batchNorm}. */
  static final float BATCH_NORM_MOMENTUM = 0.9f;

  private final Graph graph;
  private final Ops tf;
  private final ModelVariables variables;
  private final int numClasses;
  private final int inputChannels;

  /**
   * @param inputChannels channels of the tensor {@link #logits} receives; the trainer repeats grey
   *     images to match
   */
  TfNetwork(int numClasses, int inputChannels, long seed) {
    this.graph = new Graph();
    this.tf = Ops.create(graph);
    this.variables = new ModelVariables(tf, seed);
    this.numClasses = numClasses;
    this.inputChannels = inputChannels;
  }

  abstract Architecture architecture();

  /** Smallest square input the backbone can process, in pixels. */
  abstract int minimumResolution();

  /**
   * Maps pixel values in [0, 255] (float, channels last, already resized) to what the backbone was
   * trained on.
   */
  abstract Operand<TFloat32> preprocess(Ops tf, Operand<TFloat32> pixels);

  /**
   * Builds the forward pass up to the class logits (batch, numClasses). It opens a block with
   * {@link Layers#block} before each group of backbone layers and calls {@link Layers#head} before
   * the classifier.
   */
  abstract Operand<TFloat32> logits(Layers layers, Operand<TFloat32> images);

  /**
   * Overwrites the backbone with the ImageNet weights in {@code file}. The head stays random.
   *
   * @throws TrialFailedException when the architecture has no pretrained weights or the file does
   *     not fit the graph
   */
  void loadImageNetWeights(Session session, Path file) {
    throw new TrialFailedException(
        FailureReason.INVALID_SPEC, architecture().id() + " has no ImageNet weights");
  }

  /** Fails the trial early when {@code resolution} is below {@link #minimumResolution()}. */
  final void checkResolution(int resolution) {
    if (resolution < minimumResolution()) {
      throw new TrialFailedException(
          FailureReason.UNSUPPORTED_RESOLUTION,
          architecture().id()
              + " needs inputs of at least "
              + minimumResolution()
              + "x"
              + minimumResolution()
              + " pixels; "
              + resolution
              + "x"
              + resolution
              + " shrinks to nothing before the last layer");
    }
  }

  /**
   * The backbone's block names, input to output (the head is not a block). Known once a forward
   * pass has been built.
   */
  final List<String> blockNames() {
    return variables.blockNames();
  }

  final Graph graph() {
    return graph;
  }

  final Ops tf() {
    return tf;
  }

  final ModelVariables variables() {
    return variables;
  }

  final int numClasses() {
    return numClasses;
  }

  final int inputChannels() {
    return inputChannels;
  }

  /**
   * Builds an inference pass on a float input of the given resolution, which creates every model
   * variable. For questions about the model (its size, its loaded weights) that need no training
   * graph.
   */
  final Operand<TFloat32> buildInferencePass(int resolution) {
    Ops scope = tf.withSubScope("inference");
    Operand<TFloat32> input =
        scope.placeholder(
            TFloat32.class, Placeholder.shape(Shape.of(-1, resolution, resolution, inputChannels)));
    return logits(new Layers(scope, variables, false, BATCH_NORM_MOMENTUM), input);
  }

  /** Applies {@link KerasWeightsFile} entries to variables, checking every name and shape. */
  final void assignKerasWeights(Session session, Path file, List<KerasWeightBinding> bindings) {
    variables.assign(session, KerasWeightsFile.read(file).bind(bindings, variables));
  }

  @Override
  public void close() {
    graph.close();
  }
}
