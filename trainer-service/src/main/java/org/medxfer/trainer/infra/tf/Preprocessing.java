package org.medxfer.trainer.infra.tf;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The input scalings of Keras' {@code imagenet_utils.preprocess_input} modes, on pixels in [0, 255]
 * (RGB, channels last). Each architecture uses the one its pretrained weights were trained with.
 */
final class Preprocessing {

  /** Caffe mode channel means, in BGR order. */
  static final float[] BGR_MEANS = {103.939f, 116.779f, 123.68f};

  /** Torch mode channel means and standard deviations of [0, 1] pixels, RGB order. */
  static final float[] RGB_MEANS = {0.485f, 0.456f, 0.406f};

  static final float[] RGB_STDS = {0.229f, 0.224f, 0.225f};

  private Preprocessing() {}

  /** Caffe mode (VGG, ResNet50, SqueezeNet): RGB to BGR, minus the channel means, no scaling. */
  static Operand<TFloat32> caffe(Ops tf, Operand<TFloat32> pixels) {
    Operand<TFloat32> bgr = tf.reverse(pixels, tf.constant(new int[] {3}));
    return tf.math.sub(bgr, tf.constant(BGR_MEANS));
  }

  /** Torch mode (DenseNet, torchvision models): x / 255, minus the means, over the deviations. */
  static Operand<TFloat32> torch(Ops tf, Operand<TFloat32> pixels) {
    Operand<TFloat32> unit = unit(tf, pixels);
    return tf.math.div(tf.math.sub(unit, tf.constant(RGB_MEANS)), tf.constant(RGB_STDS));
  }

  /** TF mode (MobileNet, Inception): x / 127.5 - 1. */
  static Operand<TFloat32> signedUnit(Ops tf, Operand<TFloat32> pixels) {
    return tf.math.sub(tf.math.div(pixels, tf.constant(127.5f)), tf.constant(1f));
  }

  /** x / 255, for networks trained from scratch only. */
  static Operand<TFloat32> unit(Ops tf, Operand<TFloat32> pixels) {
    return tf.math.div(pixels, tf.constant(255f));
  }

  /** Side of a square input after a VALID window, 0 when nothing is left. */
  static int validSize(int size, int window, int stride) {
    return size < window ? 0 : (size - window) / stride + 1;
  }
}
