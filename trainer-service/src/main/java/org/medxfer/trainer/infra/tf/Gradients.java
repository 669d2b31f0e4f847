package org.medxfer.trainer.infra.tf;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Gradients of a loss for the trainable variables only (batch-norm moving averages are not
 * differentiable, so {@code Optimizer.minimize} would fail), with a scope whose ops wait for every
 * gradient: an update built there cannot overwrite a variable another gradient op still reads (the
 * variables are reference variables), which keeps every run of a step bit-identical.
 */
final class Gradients {

  private final List<Output<TFloat32>> values;
  private final Ops afterAll;

  private Gradients(List<Output<TFloat32>> values, Ops afterAll) {
    this.values = values;
    this.afterAll = afterAll;
  }

  @SuppressWarnings("unchecked")
  static Gradients of(
      Ops tf, Graph graph, Operand<TFloat32> loss, List<Variable<TFloat32>> trainable) {
    Output<?>[] xs = new Output<?>[trainable.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = trainable.get(i).asOutput();
    }
    Output<?>[] gradients = graph.addGradients(loss.asOutput(), xs);
    List<Output<TFloat32>> values = new ArrayList<>();
    List<Operation> ops = new ArrayList<>();
    for (Output<?> gradient : gradients) {
      values.add((Output<TFloat32>) gradient);
      ops.add(gradient.op());
    }
    return new Gradients(values, tf.withControlDependencyOps(ops));
  }

  /** The gradient of the i-th trainable variable. */
  Output<TFloat32> get(int i) {
    return values.get(i);
  }

  /** Ops built here run only after every gradient was computed. */
  Ops afterAll() {
    return afterAll;
  }
}
