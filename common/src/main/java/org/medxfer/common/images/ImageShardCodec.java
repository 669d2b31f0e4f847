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

  /** Bytes before the labels: the magic and four ints. */
  static final int HEADER_BYTES = MAGIC.length + 4 * Integer.BYTES;

  private ImageShardCodec() {}

  /** Number of bytes {@link #write} produces for these images. */
  public static long encodedSize(LabeledImages images) {
    return HEADER_BYTES + 4L * images.count() + images.pixels().length + Long.BYTES;
  }

  /** Writes the images as one shard. */
  public static void write(LabeledImages images, OutputStream target) {
    try {
      StreamWriter writer =
          begin(
              target,
              images.count(),
              images.height(),
              images.width(),
              images.channels(),
              images.labels());
      writer.pixels(images.pixels(), 0, images.pixels().length);
      writer.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a shard whose pixels are written piece by piece, so a large split never has to be on the
   * heap at once. The caller writes exactly {@code count*height*width*channels} pixel bytes, then
   * calls {@link StreamWriter#finish()}.
   */
  public static StreamWriter begin(
      OutputStream target, int count, int height, int width, int channels, int[] labels)
      throws IOException {
    if (labels.length != count) {
      throw new IllegalArgumentException("%d labels for %d images".formatted(labels.length, count));
    }
    CRC32 crc = new CRC32();
    DataOutputStream out =
        new DataOutputStream(
            new CheckedOutputStream(new BufferedOutputStream(target, 1 << 16), crc));
    out.write(MAGIC);
    out.writeInt(count);
    out.writeInt(height);
    out.writeInt(width);
    out.writeInt(channels);
    for (int label : labels) {
      out.writeInt(label);
    }
    return new StreamWriter(target, out, crc, (long) count * height * width * channels);
  }

  /** The pixel part of a shard being written; see {@link #begin}. */
  public static final class StreamWriter {
    private final OutputStream target;
    private final DataOutputStream out;
    private final CRC32 crc;
    private long remaining;

    private StreamWriter(OutputStream target, DataOutputStream out, CRC32 crc, long pixelBytes) {
      this.target = target;
      this.out = out;
      this.crc = crc;
      this.remaining = pixelBytes;
    }

    /** Appends pixel bytes. */
    public void pixels(byte[] pixels, int offset, int length) throws IOException {
      if (length > remaining) {
        throw new IllegalStateException("more pixel bytes than the header announced");
      }
      out.write(pixels, offset, length);
      remaining -= length;
    }

    /** Writes the checksum; the target stays open. */
    public void finish() throws IOException {
      if (remaining != 0) {
        throw new IllegalStateException(remaining + " pixel bytes missing");
      }
      out.flush();
      // The checksum covers everything above; written outside the checked stream.
      DataOutputStream trailer = new DataOutputStream(target);
      trailer.writeLong(crc.getValue());
      trailer.flush();
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
      byte[] head = new byte[HEADER_BYTES];
      in.readFully(head);
      Header header = readHeader(java.nio.ByteBuffer.wrap(head), where);
      int count = header.count();
      int height = header.height();
      int width = header.width();
      int channels = header.channels();
      long pixelBytes = (long) count * height * width * channels;
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

  /** The shape fields of a shard header. */
  record Header(int count, int height, int width, int channels) {}

  /** Reads and checks the header at the buffer's position; {@code where} names the shard. */
  static Header readHeader(java.nio.ByteBuffer buffer, String where) {
    if (buffer.remaining() < HEADER_BYTES) {
      throw new InvalidImageDataException(where + ": truncated shard");
    }
    byte[] magic = new byte[MAGIC.length];
    buffer.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new InvalidImageDataException(where + ": not an image shard (bad magic)");
    }
    Header header = new Header(buffer.getInt(), buffer.getInt(), buffer.getInt(), buffer.getInt());
    long pixelBytes = (long) header.count() * header.height() * header.width() * header.channels();
    if (header.count() < 0
        || header.height() <= 0
        || header.width() <= 0
        || header.channels() <= 0
        || pixelBytes > Integer.MAX_VALUE) {
      throw new InvalidImageDataException(
          where
              + ": implausible header %d x %dx%dx%d"
                  .formatted(header.count(), header.height(), header.width(), header.channels()));
    }
    return header;
  }
}
