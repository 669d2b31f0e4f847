package org.medxfer.trainer.infra.tf;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam whose every run of the same step gives the same bits.
 *
 * <p>The framework's {@code Adam} (1.1.0) updates its beta powers with no ordering against the
 * {@code ApplyAdam} ops, so the two race and runs differ. Here the beta-power assignments run under
 * a control dependency on all {@code ApplyAdam} ops, and the {@code ApplyAdam} ops wait for every
 * gradient, so no update can overwrite a variable another gradient op still reads (the variables
 * are reference variables).
 *
 * <p>Gradients are taken for the trainable variables only; batch-norm moving averages are not
 * differentiable and would make {@code Optimizer.minimize} fail.
 */
final class DeterministicAdam {

  static final float BETA1 = 0.9f;
  static final float BETA2 = 0.999f;

  /** Keras' default; TensorFlow 1 used 1e-8. */
  static final float EPSILON = 1e-7f;

  private DeterministicAdam() {}

  /**
   * Adds one optimizer step to the graph.
   *
   * @param alsoRun ops that must run with every step (the batch-norm moving-average updates)
   * @param stepName name of the returned op, the target to run per batch
   */
  static Op step(
      Ops tf,
      Graph graph,
      Operand<TFloat32> loss,
      List<Variable<TFloat32>> trainable,
      float learningRate,
      List<Op> alsoRun,
      String stepName) {
    Operand<TFloat32> lr = tf.constant(learningRate);
    return step(
        tf,
        graph,
        loss,
        trainable,
        java.util.Collections.nCopies(trainable.size(), lr),
        alsoRun,
        "adam",
        stepName);
  }

  /**
   * Adds one optimizer step to the graph with a learning rate per variable (a scalar operand, for
   * example a fed schedule value, or it times a backbone factor).
   *
   * @param slotScope name scope of the moment and beta-power variables; one per step built
   */
  static Op step(
      Ops tf,
      Graph graph,
      Operand<TFloat32> loss,
      List<Variable<TFloat32>> trainable,
      List<Operand<TFloat32>> learningRates,
      List<Op> alsoRun,
      String slotScope,
      String stepName) {
    Gradients gradients = Gradients.of(tf, graph, loss, trainable);

    Ops slots = tf.withSubScope(slotScope);
    Ops init = slots.withInitScope();
    Variable<TFloat32> beta1Power = slots.withName("beta1_power").variable(init.constant(BETA1));
    Variable<TFloat32> beta2Power = slots.withName("beta2_power").variable(init.constant(BETA2));
    Operand<TFloat32> beta1 = tf.constant(BETA1);
    Operand<TFloat32> beta2 = tf.constant(BETA2);
    Operand<TFloat32> epsilon = tf.constant(EPSILON);

    Ops afterGradients = gradients.afterAll();
    List<Op> applies = new ArrayList<>();
    for (int i = 0; i < trainable.size(); i++) {
      Variable<TFloat32> variable = trainable.get(i);
      Operand<TFloat32> zeros = init.zeros(init.constant(variable.shape()), TFloat32.class);
      Variable<TFloat32> m = slots.withName("m_" + i).variable(zeros);
      Variable<TFloat32> v = slots.withName("v_" + i).variable(zeros);
      applies.add(
          afterGradients.train.applyAdam(
              variable,
              m,
              v,
              beta1Power,
              beta2Power,
              learningRates.get(i),
              beta1,
              beta2,
              epsilon,
              gradients.get(i)));
    }
    Ops afterApplies = tf.withControlDependencies(applies);
    List<Op> finish = new ArrayList<>(alsoRun);
    finish.add(afterApplies.assign(beta1Power, afterApplies.math.mul(beta1Power, beta1)));
    finish.add(afterApplies.assign(beta2Power, afterApplies.math.mul(beta2Power, beta2)));
    return tf.withControlDependencies(finish).withName(stepName).noOp();
  }
}
