package org.medxfer.trainer.infra.tf;

import java.util.Iterator;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;

/**
 * Counts a forward pass's floating-point operations from the graph's static shapes, layer by layer:
 * convolutions (dense and depthwise) and dense layers, two FLOPs per multiply-add. Batch norm,
 * activations, pooling and additions are left out (a few percent), as in the FLOP figures papers
 * publish. A training step costs about three forward passes (the backward pass computes gradients
 * for inputs and weights).
 */
final class FlopCount {

  /** Backward plus forward over forward, the usual estimate for a training step. */
  static final int TRAINING_STEP_FORWARDS = 3;

  private FlopCount() {}

  /**
   * FLOPs per image of the ops whose names start with {@code scopePrefix} (for example {@code
   * "eval/"}, one forward pass of a {@link TrainingGraph}).
   *
   * @throws IllegalStateException when a counted op has no static shape
   */
  static long forwardPerImage(Graph graph, String scopePrefix) {
    long flops = 0;
    Iterator<GraphOperation> operations = graph.operations();
    while (operations.hasNext()) {
      GraphOperation op = operations.next();
      if (!op.name().startsWith(scopePrefix)) {
        continue;
      }
      switch (op.type()) {
        case "Conv2D" -> {
          // Each output element: kh * kw * inChannels multiply-adds.
          Shape kernel = op.input(1).shape();
          flops += 2 * perImage(op) * kernel.get(0) * kernel.get(1) * kernel.get(2);
        }
        case "DepthwiseConv2dNative" -> {
          Shape kernel = op.input(1).shape();
          flops += 2 * perImage(op) * kernel.get(0) * kernel.get(1);
        }
        case "MatMul" -> flops += 2 * perImage(op) * op.input(1).shape().get(0);
        default -> {
          // not counted
        }
      }
    }
    return flops;
  }

  /** Output elements of {@code op} for one image (every dimension but the batch). */
  private static long perImage(GraphOperation op) {
    Shape shape = op.output(0).shape();
    long elements = 1;
    for (int d = 1; d < shape.numDimensions(); d++) {
      if (shape.get(d) < 0) {
        throw new IllegalStateException(op.name() + " has no static shape: " + shape);
      }
      elements *= shape.get(d);
    }
    return elements;
  }
}
