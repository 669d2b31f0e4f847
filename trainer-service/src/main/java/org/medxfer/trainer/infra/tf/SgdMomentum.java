package org.medxfer.trainer.infra.tf;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TFloat32;

/**
 * SGD with (heavy-ball) momentum: {@code accum = momentum * accum + grad; var -= lr * accum}. As in
 * {@link DeterministicAdam}, every update waits for every gradient, so no update changes a variable
 * another gradient still reads, and runs are bit-identical.
 */
final class SgdMomentum {

  private SgdMomentum() {}

  /**
   * Adds one optimizer step to the graph.
   *
   * @param learningRates one scalar rate per trainable variable
   * @param alsoRun ops that must run with every step (the batch-norm moving-average updates)
   * @param slotScope name scope of the accumulators; one per step built
   * @param stepName name of the returned op, the target to run per batch
   */
  static Op step(
      Ops tf,
      Graph graph,
      Operand<TFloat32> loss,
      List<Variable<TFloat32>> trainable,
      List<Operand<TFloat32>> learningRates,
      float momentum,
      List<Op> alsoRun,
      String slotScope,
      String stepName) {
    Gradients gradients = Gradients.of(tf, graph, loss, trainable);
    Ops slots = tf.withSubScope(slotScope);
    Ops init = slots.withInitScope();
    Ops afterGradients = gradients.afterAll();
    Operand<TFloat32> momentumValue = tf.constant(momentum);
    List<Op> finish = new ArrayList<>(alsoRun);
    for (int i = 0; i < trainable.size(); i++) {
      Variable<TFloat32> variable = trainable.get(i);
      Variable<TFloat32> accumulator =
          slots
              .withName("accum_" + i)
              .variable(init.zeros(init.constant(variable.shape()), TFloat32.class));
      finish.add(
          afterGradients.train.applyMomentum(
              variable,
              accumulator,
              learningRates.get(i),
              gradients.get(i),
              momentumValue,
              ApplyMomentum.useNesterov(false)));
    }
    return tf.withControlDependencies(finish).withName(stepName).noOp();
  }
}
