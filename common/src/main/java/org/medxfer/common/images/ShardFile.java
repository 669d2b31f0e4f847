package org.medxfer.common.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * A shard on local disk, read in place: the file is memory-mapped, so the pixels stay in the page
 * cache and a reader copies only the images it asks for onto the heap. Header and labels are read
 * once (4 bytes per image). The layout is {@link ImageShardCodec}'s.
 */
public final class ShardFile {

  private final Path path;
  private final MappedByteBuffer map;
  private final int count;
  private final int height;
  private final int width;
  private final int channels;
  private final int[] labels;
  private final int pixelOffset;

  private ShardFile(Path path, MappedByteBuffer map) {
    this.path = path;
    this.map = map;
    ImageShardCodec.Header header = ImageShardCodec.readHeader(map.duplicate(), path.toString());
    this.count = header.count();
    this.height = header.height();
    this.width = header.width();
    this.channels = header.channels();
    this.labels = new int[count];
    ByteBuffer labelView = map.duplicate().position(ImageShardCodec.HEADER_BYTES);
    for (int i = 0; i < count; i++) {
      labels[i] = labelView.getInt();
    }
    this.pixelOffset = ImageShardCodec.HEADER_BYTES + 4 * count;
    long expectedSize = (long) pixelOffset + (long) count * imageBytes() + Long.BYTES;
    if (map.capacity() != expectedSize) {
      throw new InvalidImageDataException(
          "%s: %d bytes, the header promises %d (truncated or corrupt shard)"
              .formatted(path, map.capacity(), expectedSize));
    }
  }

  /** Maps a shard file; it must be smaller than 2 GiB (one split of one data set). */
  public static ShardFile open(Path path) {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw new InvalidImageDataException(path + ": shard larger than 2 GiB");
      }
      return new ShardFile(path, channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open shard " + path, e);
    }
  }

  /** Checks the CRC32 trailer against the content; throws when they differ. */
  public ShardFile verify() {
    CRC32 crc = new CRC32();
    int contentBytes = map.capacity() - Long.BYTES;
    crc.update(map.duplicate().position(0).limit(contentBytes));
    long stored = map.duplicate().position(contentBytes).getLong();
    if (stored != crc.getValue()) {
      throw new InvalidImageDataException(path + ": checksum mismatch (corrupt shard)");
    }
    return this;
  }

  public int count() {
    return count;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  public int channels() {
    return channels;
  }

  /** Bytes of one image. */
  public int imageBytes() {
    return height * width * channels;
  }

  /** The label of every image (a copy). */
  public int[] labels() {
    return labels.clone();
  }

  /** The label of image {@code index}. */
  public int label(int index) {
    return labels[index];
  }

  /**
   * Copies the images at {@code indices} (any order, repeats allowed) into {@code pixels} from
   * {@code offset} on, and their labels into {@code batchLabels}.
   */
  public void read(int[] indices, byte[] pixels, int offset, int[] batchLabels) {
    int imageBytes = imageBytes();
    ByteBuffer view = map.duplicate();
    for (int i = 0; i < indices.length; i++) {
      int index = indices[i];
      if (index < 0 || index >= count) {
        throw new IndexOutOfBoundsException("image " + index + " of " + count);
      }
      view.get(pixelOffset + index * imageBytes, pixels, offset + i * imageBytes, imageBytes);
      batchLabels[i] = labels[index];
    }
  }

  /** The whole split on the heap, for callers that train from arrays. */
  public LabeledImages readAll() {
    byte[] pixels = new byte[Math.multiplyExact(count, imageBytes())];
    map.duplicate().get(pixelOffset, pixels, 0, pixels.length);
    return new LabeledImages(count, height, width, channels, pixels, labels.clone());
  }

  @Override
  public String toString() {
    return "ShardFile[%s %d x %dx%dx%d]".formatted(path, count, height, width, channels);
  }
}
