package org.medxfer.common.images;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads the uint8 arrays of a NumPy {@code .npz} file (a ZIP of {@code .npy} entries). Only what
 * MedMNIST and similar image sets use is accepted: dtype {@code |u1}, C order, format versions 1 to
 * 3. Anything else is refused with a message naming the entry, never read as garbage.
 */
public final class NpzReader {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
  // Guards against a corrupt header asking for an absurd allocation before any data is read.
  private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 16;

  private NpzReader() {}

  /**
   * Reads every entry of the archive, keyed by entry name without {@code .npy}, in archive order.
   *
   * @param source the archive's bytes
   * @param fileName the file's name, used only in error messages
   */
  public static Map<String, NpyArray> read(InputStream source, String fileName) {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(source)) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (entry.isDirectory()) {
          continue;
        }
        String name = entry.getName();
        if (!name.endsWith(".npy")) {
          throw new InvalidImageDataException(
              fileName + ": entry '" + name + "' is not a .npy array");
        }
        String key = name.substring(0, name.length() - 4);
        arrays.put(key, readNpy(zip, fileName + ":" + name, key));
      }
    } catch (ZipException e) {
      throw new InvalidImageDataException(
          fileName + ": not a valid .npz archive: " + e.getMessage(), e);
    } catch (EOFException e) {
      throw new InvalidImageDataException(fileName + ": truncated archive", e);
    } catch (IOException e) {
      throw new InvalidImageDataException(fileName + ": cannot be read: " + e.getMessage(), e);
    }
    if (arrays.isEmpty()) {
      throw new InvalidImageDataException(fileName + ": no .npy entries (not an .npz file?)");
    }
    return arrays;
  }

  static NpyArray readNpy(InputStream in, String where, String key) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] magic = new byte[MAGIC.length];
    data.readFully(magic);
    for (int i = 0; i < MAGIC.length; i++) {
      if (magic[i] != MAGIC[i]) {
        throw new InvalidImageDataException(where + ": missing the .npy magic bytes");
      }
    }
    int major = data.readUnsignedByte();
    data.readUnsignedByte();
    long headerLength;
    if (major == 1) {
      headerLength = Short.toUnsignedInt(Short.reverseBytes(data.readShort()));
    } else if (major == 2 || major == 3) {
      headerLength = Integer.toUnsignedLong(Integer.reverseBytes(data.readInt()));
    } else {
      throw new InvalidImageDataException(where + ": unsupported .npy format version " + major);
    }
    if (headerLength > 65_536) {
      throw new InvalidImageDataException(
          where + ": header length " + headerLength + " is implausible");
    }
    byte[] headerBytes = new byte[(int) headerLength];
    data.readFully(headerBytes);
    String header = new String(headerBytes, StandardCharsets.ISO_8859_1);

    String descr = group(DESCR, header, where, "descr");
    if (!descr.equals("|u1") && !descr.equals("<u1") && !descr.equals("u1")) {
      throw new InvalidImageDataException(
          where + ": dtype '" + descr + "' is not supported (expected uint8 '|u1')");
    }
    if (group(FORTRAN, header, where, "fortran_order").equals("True")) {
      throw new InvalidImageDataException(where + ": Fortran-order arrays are not supported");
    }
    int[] shape = parseShape(group(SHAPE, header, where, "shape"), where);
    long size = 1;
    for (int dim : shape) {
      size *= dim;
      if (size > MAX_ARRAY_BYTES) {
        throw new InvalidImageDataException(where + ": array too large");
      }
    }
    byte[] values = readExactly(data, (int) size, where);
    return new NpyArray(key, shape, values);
  }

  private static byte[] readExactly(InputStream in, int size, String where) throws IOException {
    // Reads in bounded chunks so a header that lies about the size fails on EOF, not on allocation.
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(size, 1 << 20));
    byte[] buffer = new byte[1 << 16];
    int remaining = size;
    while (remaining > 0) {
      int read = in.read(buffer, 0, Math.min(buffer.length, remaining));
      if (read < 0) {
        throw new InvalidImageDataException(
            where + ": truncated: " + (size - remaining) + " of " + size + " data bytes present");
      }
      out.write(buffer, 0, read);
      remaining -= read;
    }
    return out.toByteArray();
  }

  private static String group(Pattern pattern, String header, String where, String field) {
    Matcher matcher = pattern.matcher(header);
    if (!matcher.find()) {
      throw new InvalidImageDataException(where + ": header has no '" + field + "'");
    }
    return matcher.group(1);
  }

  private static int[] parseShape(String text, String where) {
    String[] parts = text.split(",");
    int[] dims = new int[parts.length];
    int n = 0;
    for (String part : parts) {
      String trimmed = part.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      try {
        dims[n++] =
            Integer.parseInt(
                trimmed.endsWith("L") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
      } catch (NumberFormatException e) {
        throw new InvalidImageDataException(where + ": bad shape '(" + text + ")'", e);
      }
      if (dims[n - 1] < 0) {
        throw new InvalidImageDataException(where + ": negative dimension in shape");
      }
    }
    int[] shape = new int[n];
    System.arraycopy(dims, 0, shape, 0, n);
    return shape;
  }
}
