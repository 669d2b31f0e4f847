package org.medxfer.dataset.domain.dicom;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The raw values of the top-level attributes the reader needs, decoded by tag rather than VR so
 * that implicit-VR files (which carry no VR) read the same as explicit ones.
 */
final class DicomAttributes {

  static final int MODALITY = 0x00080060;
  static final int SAMPLES_PER_PIXEL = 0x00280002;
  static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
  static final int PLANAR_CONFIGURATION = 0x00280006;
  static final int NUMBER_OF_FRAMES = 0x00280008;
  static final int ROWS = 0x00280010;
  static final int COLUMNS = 0x00280011;
  static final int BITS_ALLOCATED = 0x00280100;
  static final int BITS_STORED = 0x00280101;
  static final int PIXEL_REPRESENTATION = 0x00280103;
  static final int WINDOW_CENTER = 0x00281050;
  static final int WINDOW_WIDTH = 0x00281051;
  static final int RESCALE_INTERCEPT = 0x00281052;
  static final int RESCALE_SLOPE = 0x00281053;

  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(SAMPLES_PER_PIXEL, "SamplesPerPixel (0028,0002)"),
          Map.entry(ROWS, "Rows (0028,0010)"),
          Map.entry(COLUMNS, "Columns (0028,0011)"),
          Map.entry(BITS_ALLOCATED, "BitsAllocated (0028,0100)"));

  private final String fileName;
  private final ByteOrder order;
  private final Map<Integer, byte[]> values = new HashMap<>();

  DicomAttributes(String fileName, ByteOrder order) {
    this.fileName = fileName;
    this.order = order;
  }

  static boolean isWanted(int tag) {
    return tag == MODALITY || (tag >>> 16 == 0x0028 && (tag & 0xFFFF) <= 0x1053);
  }

  void put(int tag, byte[] value) {
    values.put(tag, value);
  }

  String string(int tag) {
    byte[] value = values.get(tag);
    // Values are padded to even length with a space (or NUL for UIDs); the padding is not content.
    return value == null ? "" : new String(value, StandardCharsets.US_ASCII).trim();
  }

  int uint16(int tag, int fallback) {
    byte[] value = values.get(tag);
    if (value == null || value.length < 2) {
      return fallback;
    }
    return order == ByteOrder.LITTLE_ENDIAN
        ? (value[0] & 0xFF) | (value[1] & 0xFF) << 8
        : (value[0] & 0xFF) << 8 | (value[1] & 0xFF);
  }

  int requiredUint16(int tag) {
    int value = uint16(tag, -1);
    if (value < 0) {
      throw new DicomFormatException(
          fileName, "missing required tag " + NAMES.getOrDefault(tag, DicomParser.tagText(tag)));
    }
    return value;
  }

  /** The first value of a decimal-string attribute (Window Center may hold several). */
  Optional<Double> firstDecimal(int tag) {
    String text = string(tag);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String first = text.split("\\\\", -1)[0].trim();
    try {
      return Optional.of(Double.parseDouble(first));
    } catch (NumberFormatException e) {
      throw new DicomFormatException(
          fileName,
          "tag " + DicomParser.tagText(tag) + " holds '" + text + "', not a decimal number");
    }
  }
}
