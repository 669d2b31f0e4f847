package org.medxfer.common.images;

import java.util.Arrays;

/** A uint8 array read from a {@code .npy} entry: its C-order shape and its bytes. */
public record NpyArray(String name, int[] shape, byte[] data) {

  /** Number of elements the shape describes. */
  public long elementCount() {
    long n = 1;
    for (int dim : shape) {
      n *= dim;
    }
    return n;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NpyArray that
        && name.equals(that.name)
        && Arrays.equals(shape, that.shape)
        && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return "NpyArray[" + name + " " + Arrays.toString(shape) + "]";
  }
}
