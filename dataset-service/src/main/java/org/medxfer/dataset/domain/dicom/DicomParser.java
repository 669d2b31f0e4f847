package org.medxfer.dataset.domain.dicom;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Walks a DICOM Part 10 file up to PixelData (7FE0,0010), keeping the few attributes the pixel
 * reader needs and skipping everything else, sequences of undefined length included.
 */
final class DicomParser {

  private static final int PREAMBLE_LENGTH = 128;
  private static final int TRANSFER_SYNTAX_UID = 0x00020010;
  private static final int PIXEL_DATA = 0x7FE00010;
  private static final int ITEM = 0xFFFEE000;
  private static final int ITEM_DELIMITATION = 0xFFFEE00D;
  private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
  private static final long UNDEFINED_LENGTH = 0xFFFFFFFFL;

  // VRs whose explicit encoding has two reserved bytes and a 32-bit length (PS3.5 7.1.2).
  private static final Set<String> LONG_VRS =
      Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

  private final String fileName;
  private final DicomInput input;

  private DicomParser(String fileName, byte[] bytes) {
    this.fileName = fileName;
    this.input = new DicomInput(fileName, bytes);
  }

  static ParsedDicom parse(String fileName, byte[] bytes) {
    return new DicomParser(fileName, bytes).parse();
  }

  private record Header(int tag, String vr, long length) {}

  private ParsedDicom parse() {
    if (input.remaining() < PREAMBLE_LENGTH + 4) {
      throw notDicom();
    }
    input.seek(PREAMBLE_LENGTH);
    if (!input.ascii(4).equals("DICM")) {
      throw notDicom();
    }
    TransferSyntax syntax = TransferSyntax.fromUid(fileName, readTransferSyntaxUid());
    DicomAttributes attributes = new DicomAttributes(fileName, syntax.byteOrder());
    while (input.remaining() > 0) {
      Header header = readHeader(syntax.explicitVr(), syntax.byteOrder());
      if (header.tag() == PIXEL_DATA) {
        return readPixelData(syntax, attributes, header);
      }
      if (header.length() == UNDEFINED_LENGTH) {
        skipSequence(header, syntax.explicitVr(), syntax.byteOrder());
      } else if (DicomAttributes.isWanted(header.tag())) {
        attributes.put(header.tag(), input.bytes(header.length(), describe(header)));
      } else {
        input.skip(header.length(), describe(header));
      }
    }
    throw new DicomFormatException(fileName, "missing required tag PixelData (7FE0,0010)");
  }

  private DicomFormatException notDicom() {
    return new DicomFormatException(
        fileName, "not a DICOM file (no 'DICM' after the 128-byte preamble)");
  }

  // The file meta group (0002,xxxx) is always explicit VR little endian, whatever the data set
  // uses.
  private String readTransferSyntaxUid() {
    String uid = null;
    while (input.remaining() >= 2 && peekGroup() == 0x0002) {
      Header header = readHeader(true, ByteOrder.LITTLE_ENDIAN);
      if (header.tag() == TRANSFER_SYNTAX_UID) {
        uid = input.ascii(header.length()).replace("\0", "").trim();
      } else {
        input.skip(header.length(), describe(header));
      }
    }
    if (uid == null) {
      throw new DicomFormatException(
          fileName, "missing required tag TransferSyntaxUID (0002,0010)");
    }
    return uid;
  }

  private int peekGroup() {
    int start = input.position();
    int group = input.uint16(ByteOrder.LITTLE_ENDIAN);
    input.seek(start);
    return group;
  }

  private Header readHeader(boolean explicitVr, ByteOrder order) {
    int tag = readTag(order);
    // Item and delimitation tags carry no VR even in explicit-VR syntaxes.
    if (!explicitVr || tag >>> 16 == 0xFFFE) {
      return new Header(tag, null, input.uint32(order));
    }
    String vr = input.ascii(2);
    if (LONG_VRS.contains(vr)) {
      input.skip(2, "reserved bytes of " + tagText(tag));
      return new Header(tag, vr, input.uint32(order));
    }
    return new Header(tag, vr, input.uint16(order));
  }

  private int readTag(ByteOrder order) {
    int group = input.uint16(order);
    int element = input.uint16(order);
    return group << 16 | element;
  }

  private void skipSequence(Header header, boolean explicitVr, ByteOrder order) {
    // An undefined-length UN holds its items in implicit VR little endian (PS3.5 6.2.2).
    boolean unknown = "UN".equals(header.vr());
    skipItems(unknown ? false : explicitVr, unknown ? ByteOrder.LITTLE_ENDIAN : order);
  }

  private void skipItems(boolean explicitVr, ByteOrder order) {
    while (true) {
      Header item = readHeader(explicitVr, order);
      if (item.tag() == SEQUENCE_DELIMITATION) {
        return;
      }
      if (item.tag() != ITEM) {
        throw new DicomFormatException(
            fileName, "expected a sequence item but found " + tagText(item.tag()));
      }
      if (item.length() == UNDEFINED_LENGTH) {
        skipItemElements(explicitVr, order);
      } else {
        input.skip(item.length(), "a sequence item");
      }
    }
  }

  private void skipItemElements(boolean explicitVr, ByteOrder order) {
    while (true) {
      Header header = readHeader(explicitVr, order);
      if (header.tag() == ITEM_DELIMITATION) {
        return;
      }
      if (header.length() == UNDEFINED_LENGTH) {
        skipSequence(header, explicitVr, order);
      } else {
        input.skip(header.length(), describe(header));
      }
    }
  }

  private ParsedDicom readPixelData(
      TransferSyntax syntax, DicomAttributes attributes, Header header) {
    if (header.length() != UNDEFINED_LENGTH) {
      if (syntax.encapsulated()) {
        throw new DicomFormatException(
            fileName, "PixelData of a " + syntax.uid() + " file must be encapsulated");
      }
      // Keep what the file holds; the reader compares it with the size the header implies.
      int available = (int) Math.min(header.length(), input.remaining());
      return new ParsedDicom(syntax, attributes, input.bytes(available, "PixelData"), List.of());
    }
    if (!syntax.encapsulated()) {
      throw new DicomFormatException(
          fileName, "PixelData has undefined length in native syntax " + syntax.uid());
    }
    List<byte[]> fragments = new ArrayList<>();
    boolean offsetTable = true;
    while (true) {
      Header item = readHeader(false, syntax.byteOrder());
      if (item.tag() == SEQUENCE_DELIMITATION) {
        return new ParsedDicom(syntax, attributes, null, fragments);
      }
      if (item.tag() != ITEM || item.length() == UNDEFINED_LENGTH) {
        throw new DicomFormatException(
            fileName, "malformed encapsulated PixelData at " + tagText(item.tag()));
      }
      // The first item is the Basic Offset Table, not image data.
      byte[] value = input.bytes(item.length(), "a PixelData fragment");
      if (!offsetTable) {
        fragments.add(value);
      }
      offsetTable = false;
    }
  }

  private static String describe(Header header) {
    return "the value of " + tagText(header.tag());
  }

  static String tagText(int tag) {
    return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
  }
}
