package org.medxfer.dataset.domain.dicom;

import java.nio.ByteOrder;

/** The transfer syntaxes the reader decodes; any other UID is refused by name. */
public enum TransferSyntax {
  IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2", false, ByteOrder.LITTLE_ENDIAN, false),
  EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", true, ByteOrder.LITTLE_ENDIAN, false),
  EXPLICIT_VR_BIG_ENDIAN("1.2.840.10008.1.2.2", true, ByteOrder.BIG_ENDIAN, false),
  RLE_LOSSLESS("1.2.840.10008.1.2.5", true, ByteOrder.LITTLE_ENDIAN, true);

  private final String uid;
  private final boolean explicitVr;
  private final ByteOrder byteOrder;
  private final boolean encapsulated;

  TransferSyntax(String uid, boolean explicitVr, ByteOrder byteOrder, boolean encapsulated) {
    this.uid = uid;
    this.explicitVr = explicitVr;
    this.byteOrder = byteOrder;
    this.encapsulated = encapsulated;
  }

  public String uid() {
    return uid;
  }

  public boolean explicitVr() {
    return explicitVr;
  }

  public ByteOrder byteOrder() {
    return byteOrder;
  }

  /** Whether PixelData is a sequence of compressed fragments rather than native values. */
  public boolean encapsulated() {
    return encapsulated;
  }

  static TransferSyntax fromUid(String fileName, String uid) {
    for (TransferSyntax syntax : values()) {
      if (syntax.uid.equals(uid)) {
        return syntax;
      }
    }
    throw new DicomFormatException(
        fileName,
        "unsupported transfer syntax "
            + uid
            + " (supported: implicit and explicit VR little endian, explicit VR big endian,"
            + " RLE Lossless)");
  }
}
