package org.medxfer.common.images;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The storage format of one split in the object store: a header, the labels, the pixels and a CRC32
 * trailer, big-endian. A trainer can check a shard end to end before training on it.
 *
 * <pre>
 * "MXSHARD1" | int count | int height | int width | int channels | int[count] labels
 *            | byte[count*height*width*channels] pixels | long crc32(everything before)
 * </pre>
 */
public final class ImageShardCodec {

  private static final byte[] MAGIC = "MXSHARD1".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER_BYTES = MAGIC.length + 4 * Integer.BYTES;

  private ImageShardCodec() {}

  /** Number of bytes {@link #write} produces for these images. */
  public static long encodedSize(LabeledImages images) {
    return HEADER_BYTES + 4L * images.count() + images.pixels().length + Long.BYTES;
  }

  /** Writes the images as one shard. */
  public static void write(LabeledImages images, OutputStream target) {
    CRC32 crc = new CRC32();
    try {
      DataOutputStream out =
          new DataOutputStream(
              new CheckedOutputStream(new BufferedOutputStream(target, 1 << 16), crc));
      out.write(MAGIC);
      out.writeInt(images.count());
      out.writeInt(images.height());
      out.writeInt(images.width());
      out.writeInt(images.channels());
      for (int label : images.labels()) {
        out.writeInt(label);
      }
      out.write(images.pixels());
      out.flush();
      // The checksum covers everything above; written outside the checked stream.
      DataOutputStream trailer = new DataOutputStream(target);
      trailer.writeLong(crc.getValue());
      trailer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads and verifies one shard.
   *
   * @param where names the shard in error messages (for example its object key)
   */
  public static LabeledImages read(InputStream source, String where) {
    CRC32 crc = new CRC32();
    BufferedInputStream buffered = new BufferedInputStream(source, 1 << 16);
    DataInputStream in = new DataInputStream(new CheckedInputStream(buffered, crc));
    try {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new InvalidImageDataException(where + ": not an image shard (bad magic)");
      }
      int count = in.readInt();
      int height = in.readInt();
      int width = in.readInt();
      int channels = in.readInt();
      long pixelBytes = (long) count * height * width * channels;
      if (count < 0
          || height <= 0
          || width <= 0
          || channels <= 0
          || pixelBytes > Integer.MAX_VALUE) {
        throw new InvalidImageDataException(
            where + ": implausible header %d x %dx%dx%d".formatted(count, height, width, channels));
      }
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = in.readInt();
      }
      byte[] pixels = new byte[(int) pixelBytes];
      in.readFully(pixels);
      long expected = crc.getValue();
      long stored = new DataInputStream(buffered).readLong();
      if (stored != expected) {
        throw new InvalidImageDataException(where + ": checksum mismatch (corrupt shard)");
      }
      return new LabeledImages(count, height, width, channels, pixels, labels);
    } catch (EOFException e) {
      throw new InvalidImageDataException(where + ": truncated shard", e);
    } catch (IOException e) {
      throw new InvalidImageDataException(where + ": cannot be read: " + e.getMessage(), e);
    }
  }
}
