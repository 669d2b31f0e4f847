package org.medxfer.trainer.infra.tf;

import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * The product's training graph ({@link TrainingGraph}) on one batch held in memory: training steps
 * and inference passes with nothing else around them (no data path, no validation, no checkpoints).
 * The bench times it; tests use it to see a network learn.
 */
final class BareTrainingSteps implements AutoCloseable {

  private final TfNetwork network;
  private final TrainingGraph graph;
  private final Session session;
  private final TUint8 images;
  private final TFloat32 labels;

  /**
   * @param pixels {@code batch} stored images, uint8 row-major (batch, height, width, channels)
   * @param labels {@code batch} class indexes
   * @param config session configuration (threads, precision rewrites)
   */
  BareTrainingSteps(
      TfNetwork network,
      byte[] pixels,
      int[] labels,
      int height,
      int width,
      int channels,
      int resolution,
      float learningRate,
      ConfigProto config) {
    this.network = network;
    int batch = labels.length;
    int k = network.numClasses();
    float[] oneHot = new float[batch * k];
    for (int i = 0; i < batch; i++) {
      oneHot[i * k + labels[i]] = 1f;
    }
    network.checkResolution(resolution);
    this.graph = TrainingGraph.build(network, height, width, channels, resolution, learningRate);
    this.session = new Session(network.graph(), config);
    session.initialize();
    this.images =
        TUint8.tensorOf(
            Shape.of(batch, height, width, channels), DataBuffers.of(pixels, true, false));
    this.labels = TFloat32.tensorOf(Shape.of(batch, k), DataBuffers.of(oneHot, true, false));
  }

  /** One optimizer step; returns the batch's training loss before the update. */
  float trainStep() {
    try (Result result =
        session
            .runner()
            .feed(graph.images(), images)
            .feed(graph.labels(), labels)
            .addTarget(graph.trainStep())
            .fetch(graph.trainLoss())
            .run()) {
      return ((TFloat32) result.get(0)).getFloat();
    }
  }

  /** One inference pass (batch norm on moving averages) over the batch. */
  void infer() {
    try (Result result =
        session.runner().feed(graph.images(), images).fetch(graph.evalProbabilities()).run()) {
      result.get(0);
    }
  }

  /** FLOPs of one image's forward pass, counted from the graph. */
  long forwardFlopsPerImage() {
    return FlopCount.forwardPerImage(network.graph(), "eval/");
  }

  long trainableParameters() {
    return network.variables().parameterCount(true);
  }

  @Override
  public void close() {
    images.close();
    labels.close();
    session.close();
  }
}
