package org.medxfer.dataset.app;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.medxfer.common.images.ImageResizer;
import org.medxfer.common.images.InvalidImageDataException;
import org.medxfer.common.images.LabeledImages;
import org.medxfer.common.images.MedMnistNpz;
import org.medxfer.dataset.domain.ImportRequest;
import org.medxfer.dataset.domain.InvalidRequestException;
import org.medxfer.dataset.domain.InvalidRequestException.Reason;
import org.medxfer.dataset.domain.Split;
import org.medxfer.dataset.domain.TaskType;
import org.medxfer.dataset.domain.Violation;

/**
 * Reads an import's local file in its declared format (MedMNIST {@code .npz}, image-folder or DICOM
 * archive) into train, val and test images; a file that cannot be read is refused with its name.
 */
public final class DatasetFileReader {

  private DatasetFileReader() {}

  /**
   * The file's images by split, resampled to the request's {@code image_size} when it asks.
   *
   * @param fileName names the file in error messages
   */
  public static Map<Split, LabeledImages> read(ImportRequest request, Path path, String fileName) {
    return resized(readAsStored(request, path, fileName), request.imageSize());
  }

  private static Map<Split, LabeledImages> readAsStored(
      ImportRequest request, Path path, String fileName) {
    if (request.format().isArchive()) {
      return ArchiveImages.read(path, fileName, request);
    }
    Map<String, LabeledImages> byName;
    boolean multiLabel = request.card().taskType() == TaskType.MULTI_LABEL;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      byName = MedMnistNpz.read(in, fileName, multiLabel);
    } catch (InvalidImageDataException | IllegalArgumentException e) {
      String message =
          e.getMessage().startsWith(fileName) ? e.getMessage() : fileName + ": " + e.getMessage();
      throw InvalidRequestException.of(Reason.CORRUPT_FILE, Violation.FILE, message);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read spooled file " + path, e);
    }
    Map<Split, LabeledImages> splits = new EnumMap<>(Split.class);
    for (Split split : Split.values()) {
      splits.put(split, byName.get(split.key()));
    }
    return splits;
  }

  /** Every split resampled to {@code size x size}; unchanged when size is 0. */
  private static Map<Split, LabeledImages> resized(Map<Split, LabeledImages> splits, int size) {
    if (size == 0) {
      return splits;
    }
    Map<Split, LabeledImages> resized = new EnumMap<>(Split.class);
    splits.forEach((split, images) -> resized.put(split, ImageResizer.resize(images, size, size)));
    return resized;
  }
}
