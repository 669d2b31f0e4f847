package org.medxfer.dataset.domain.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes small explicit-VR-little-endian Part 10 files for the cases the shipped samples do not
 * cover (odd-length values, nested undefined-length sequences, MONOCHROME1, planar RGB, bad input).
 */
final class DicomFileBuilder {

  static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";

  private final String transferSyntaxUid;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  private DicomFileBuilder(String transferSyntaxUid) {
    this.transferSyntaxUid = transferSyntaxUid;
  }

  static DicomFileBuilder withTransferSyntax(String uid) {
    return new DicomFileBuilder(uid);
  }

  /** A grey 8-bit image header without PixelData. */
  static DicomFileBuilder grey8(int rows, int columns, String photometric) {
    return withTransferSyntax(EXPLICIT_VR_LITTLE_ENDIAN)
        .us(DicomAttributes.SAMPLES_PER_PIXEL, 1)
        .text(DicomAttributes.PHOTOMETRIC_INTERPRETATION, "CS", photometric)
        .us(DicomAttributes.ROWS, rows)
        .us(DicomAttributes.COLUMNS, columns)
        .us(DicomAttributes.BITS_ALLOCATED, 8)
        .us(DicomAttributes.BITS_STORED, 8)
        .us(DicomAttributes.PIXEL_REPRESENTATION, 0);
  }

  DicomFileBuilder us(int tag, int value) {
    shortHeader(body, tag, "US", 2);
    writeUint16(body, value);
    return this;
  }

  /** A text value written as given, so an odd length stays odd. */
  DicomFileBuilder text(int tag, String vr, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    shortHeader(body, tag, vr, bytes.length);
    body.writeBytes(bytes);
    return this;
  }

  /**
   * An undefined-length sequence holding one undefined-length item, which holds a decoy Rows value,
   * an odd-length text and a nested undefined-length sequence with one defined-length item.
   */
  DicomFileBuilder nestedUndefinedLengthSequence(int tag) {
    longHeader(body, tag, "SQ", 0xFFFFFFFFL);
    itemTag(body, 0xE000, 0xFFFFFFFFL);
    shortHeader(body, DicomAttributes.ROWS, "US", 2);
    writeUint16(body, 999);
    shortHeader(body, 0x00081030, "LO", 3);
    body.writeBytes("odd".getBytes(StandardCharsets.US_ASCII));
    longHeader(body, 0x00081140, "SQ", 0xFFFFFFFFL);
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    shortHeader(inner, 0x00081150, "UI", 5);
    inner.writeBytes("1.2.3".getBytes(StandardCharsets.US_ASCII));
    itemTag(body, 0xE000, inner.size());
    body.writeBytes(inner.toByteArray());
    itemTag(body, 0xE0DD, 0);
    itemTag(body, 0xE00D, 0);
    itemTag(body, 0xE0DD, 0);
    return this;
  }

  DicomFileBuilder pixelData(byte[] data) {
    longHeader(body, 0x7FE00010, "OB", data.length);
    body.writeBytes(data);
    return this;
  }

  byte[] build() {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(new byte[128]);
    file.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
    byte[] uid = transferSyntaxUid.getBytes(StandardCharsets.US_ASCII);
    shortHeader(file, 0x00020010, "UI", uid.length);
    file.writeBytes(uid);
    file.writeBytes(body.toByteArray());
    return file.toByteArray();
  }

  private static void shortHeader(ByteArrayOutputStream out, int tag, String vr, int length) {
    writeTag(out, tag);
    out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
    writeUint16(out, length);
  }

  private static void longHeader(ByteArrayOutputStream out, int tag, String vr, long length) {
    writeTag(out, tag);
    out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
    writeUint16(out, 0);
    writeUint32(out, length);
  }

  private static void itemTag(ByteArrayOutputStream out, int element, long length) {
    writeTag(out, 0xFFFE0000 | element);
    writeUint32(out, length);
  }

  private static void writeTag(ByteArrayOutputStream out, int tag) {
    writeUint16(out, tag >>> 16);
    writeUint16(out, tag & 0xFFFF);
  }

  private static void writeUint16(ByteArrayOutputStream out, int value) {
    out.write(value & 0xFF);
    out.write(value >>> 8 & 0xFF);
  }

  private static void writeUint32(ByteArrayOutputStream out, long value) {
    writeUint16(out, (int) (value & 0xFFFF));
    writeUint16(out, (int) (value >>> 16 & 0xFFFF));
  }
}
