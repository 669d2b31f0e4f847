package org.medxfer.common.images;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a MedMNIST-layout {@code .npz}: {@code {train,val,test}_images} of shape (N, H, W) or (N,
 * H, W, 3) and {@code {train,val,test}_labels} of shape (N, 1), all uint8. A multi-label file
 * (ChestMNIST) has labels of shape (N, K) holding 0 or 1; each image's label then becomes a bit
 * mask with bit k set when class k is present.
 */
public final class MedMnistNpz {

  /** The split names, in the order MedMNIST stores them. */
  public static final List<String> SPLITS = List.of("train", "val", "test");

  private MedMnistNpz() {}

  /**
   * Reads the three splits, keyed {@code train}, {@code val}, {@code test}.
   *
   * @param fileName used only in error messages
   */
  public static Map<String, LabeledImages> read(InputStream source, String fileName) {
    return read(source, fileName, false);
  }

  /**
   * Reads the three splits; with {@code multiLabel} the labels must be (N, K) 0/1 columns, K at
   * most 31, and become bit masks.
   *
   * @param fileName used only in error messages
   */
  public static Map<String, LabeledImages> read(
      InputStream source, String fileName, boolean multiLabel) {
    Map<String, NpyArray> arrays = NpzReader.read(source, fileName);
    Map<String, LabeledImages> splits = new LinkedHashMap<>();
    for (String split : SPLITS) {
      NpyArray images = require(arrays, split + "_images", fileName);
      NpyArray labels = require(arrays, split + "_labels", fileName);
      splits.put(split, toImages(images, labels, fileName, multiLabel));
    }
    return splits;
  }

  private static NpyArray require(Map<String, NpyArray> arrays, String key, String fileName) {
    NpyArray array = arrays.get(key);
    if (array == null) {
      throw new InvalidImageDataException(
          fileName + ": entry '" + key + ".npy' is missing (found " + arrays.keySet() + ")");
    }
    return array;
  }

  private static LabeledImages toImages(
      NpyArray images, NpyArray labels, String fileName, boolean multiLabel) {
    int[] shape = images.shape();
    String where = fileName + ":" + images.name();
    if (shape.length != 3 && !(shape.length == 4 && (shape[3] == 3 || shape[3] == 1))) {
      throw new InvalidImageDataException(
          where + ": shape " + java.util.Arrays.toString(shape) + " is not (N,H,W) or (N,H,W,3)");
    }
    int count = shape[0];
    int[] labelShape = labels.shape();
    String labelWhere = fileName + ":" + labels.name();
    if (labelShape.length != 2 || (!multiLabel && labelShape[1] != 1)) {
      throw new InvalidImageDataException(
          labelWhere
              + ": shape "
              + java.util.Arrays.toString(labelShape)
              + (multiLabel
                  ? " is not (N,K)"
                  : " is not (N,1); a file with one 0/1 column per class needs a multi-label task"));
    }
    int columns = labelShape[1];
    if (multiLabel && (columns < 1 || columns > 31)) {
      throw new InvalidImageDataException(
          labelWhere + ": " + columns + " label columns; a multi-label set has 1 to 31 classes");
    }
    if (labelShape[0] != count) {
      throw new InvalidImageDataException(
          fileName
              + ": "
              + images.name()
              + " has "
              + count
              + " images but "
              + labels.name()
              + " has "
              + labelShape[0]
              + " labels");
    }
    int[] labelValues = new int[count];
    byte[] raw = labels.data();
    for (int i = 0; i < count; i++) {
      if (!multiLabel) {
        labelValues[i] = raw[i] & 0xff;
        continue;
      }
      int mask = 0;
      for (int k = 0; k < columns; k++) {
        int value = raw[i * columns + k] & 0xff;
        if (value > 1) {
          throw new InvalidImageDataException(
              "%s: entry %d, column %d holds %d; multi-label columns hold 0 or 1"
                  .formatted(labelWhere, i, k, value));
        }
        mask |= value << k;
      }
      labelValues[i] = mask;
    }
    int channels = shape.length == 4 ? shape[3] : 1;
    return new LabeledImages(count, shape[1], shape[2], channels, images.data(), labelValues);
  }
}
