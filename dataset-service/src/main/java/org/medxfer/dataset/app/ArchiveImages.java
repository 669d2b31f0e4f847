package org.medxfer.dataset.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.medxfer.common.images.ImageResizer;
import org.medxfer.common.images.InvalidImageDataException;
import org.medxfer.common.images.LabeledImages;
import org.medxfer.dataset.domain.DatasetFormat;
import org.medxfer.dataset.domain.ImportRequest;
import org.medxfer.dataset.domain.InvalidRequestException;
import org.medxfer.dataset.domain.InvalidRequestException.Reason;
import org.medxfer.dataset.domain.LabelCsv;
import org.medxfer.dataset.domain.Split;
import org.medxfer.dataset.domain.StratifiedSplit;
import org.medxfer.dataset.domain.Violation;
import org.medxfer.dataset.domain.dicom.DicomFormatException;
import org.medxfer.dataset.domain.dicom.DicomImage;
import org.medxfer.dataset.domain.dicom.DicomPixelReader;

/**
 * Reads an image-folder or DICOM import: a ZIP whose root holds {@code labels.csv} and whose other
 * entries are the images it names. Checks that the CSV and the archive list the same images,
 * decodes every image (PNG/JPEG, or DICOM with the request's window), resamples to {@code
 * image_size} when asked, and splits by the CSV's split column or else by the request's seeded,
 * stratified plan. Images are taken in file-name order, so the same content always makes the same
 * shards. Every problem found is reported (up to a limit), each naming its entry or CSV line.
 */
final class ArchiveImages {

  static final int MAX_VIOLATIONS = 20;
  private static final int MAX_ENTRY_BYTES = 256 << 20;

  private ArchiveImages() {}

  /**
   * The archive's images by split.
   *
   * @param fileName the archive's name in error messages
   */
  static Map<Split, LabeledImages> read(Path archive, String fileName, ImportRequest request) {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      return read(zip, fileName, request);
    } catch (InvalidImageDataException e) {
      throw corrupt(e.getMessage());
    } catch (ZipException e) {
      throw corrupt(fileName + ": not a valid ZIP archive: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read spooled archive " + archive, e);
    }
  }

  private static Map<Split, LabeledImages> read(ZipFile zip, String fileName, ImportRequest request)
      throws IOException {
    ZipEntry csvEntry = zip.getEntry(LabelCsv.FILE_NAME);
    if (csvEntry == null) {
      throw corrupt(
          fileName
              + ": no "
              + LabelCsv.FILE_NAME
              + " at the archive's root (columns file,label[,split])");
    }
    LabelCsv.Parsed labels = LabelCsv.parse(text(zip, csvEntry, fileName), request.card());
    if (!labels.violations().isEmpty()) {
      throw content(fileName, labels.violations());
    }
    List<LabelCsv.Row> rows = new ArrayList<>(labels.rows());
    rows.sort(Comparator.comparing(LabelCsv.Row::file));
    checkSameImages(zip, fileName, rows);

    DecodedImage[] images = decodeAll(zip, fileName, rows, request);
    int[] labelValues = rows.stream().mapToInt(LabelCsv.Row::label).toArray();
    Split[] splits =
        labels.hasSplits()
            ? rows.stream().map(row -> row.split().orElseThrow()).toArray(Split[]::new)
            : StratifiedSplit.assign(labelValues, request.splitPlan());
    return bySplit(images, labelValues, splits);
  }

  /** Every CSV row names an entry, and every image entry has a row (the counts match). */
  private static void checkSameImages(ZipFile zip, String fileName, List<LabelCsv.Row> rows) {
    Set<String> entries = new TreeSet<>();
    zip.stream()
        .filter(entry -> !entry.isDirectory())
        .map(ZipEntry::getName)
        .filter(name -> !name.equals(LabelCsv.FILE_NAME) && !ignored(name))
        .forEach(entries::add);
    List<Violation> violations = new ArrayList<>();
    Set<String> labelled = new TreeSet<>();
    for (LabelCsv.Row row : rows) {
      labelled.add(row.file());
      if (!entries.contains(row.file())) {
        violations.add(
            new Violation(
                Violation.FILE,
                "%s line %d: '%s' is not in the archive"
                    .formatted(LabelCsv.FILE_NAME, row.line(), row.file())));
      }
    }
    for (String entry : entries) {
      if (!labelled.contains(entry)) {
        violations.add(
            new Violation(
                Violation.FILE,
                "'%s' is in the archive but has no row in %s"
                    .formatted(entry, LabelCsv.FILE_NAME)));
      }
    }
    if (!violations.isEmpty()) {
      String summary =
          "%s: %s names %d images, the archive holds %d; "
              .formatted(fileName, LabelCsv.FILE_NAME, rows.size(), entries.size());
      throw new InvalidRequestException(
          Reason.INVALID_DATASET_CONTENT,
          summary + violations.get(0).description(),
          limit(violations));
    }
  }

  /** macOS and editor litter that zipping a folder picks up. */
  private static boolean ignored(String name) {
    String base = name.substring(name.lastIndexOf('/') + 1);
    return name.startsWith("__MACOSX/") || base.startsWith(".") || base.equals("Thumbs.db");
  }

  private static DecodedImage[] decodeAll(
      ZipFile zip, String fileName, List<LabelCsv.Row> rows, ImportRequest request)
      throws IOException {
    DecodedImage[] images = new DecodedImage[rows.size()];
    List<Violation> corrupt = new ArrayList<>();
    DicomPixelReader dicom = new DicomPixelReader();
    for (int i = 0; i < rows.size() && corrupt.size() < MAX_VIOLATIONS; i++) {
      String entry = rows.get(i).file();
      String where = fileName + ":" + entry;
      try {
        byte[] bytes = bytes(zip, zip.getEntry(entry), where);
        DecodedImage image =
            request.format() == DatasetFormat.DICOM
                ? fromDicom(dicom.read(entry, bytes, request.window()))
                : RasterImageDecoder.decode(where, bytes);
        images[i] = request.imageSize() > 0 ? resized(image, request.imageSize()) : image;
      } catch (InvalidImageDataException e) {
        corrupt.add(new Violation(Violation.FILE, e.getMessage()));
      } catch (DicomFormatException e) {
        corrupt.add(new Violation(Violation.FILE, fileName + ":" + e.getMessage()));
      }
    }
    if (!corrupt.isEmpty()) {
      throw new InvalidRequestException(
          Reason.CORRUPT_FILE, corrupt.get(0).description(), limit(corrupt));
    }
    checkOneShape(fileName, rows, images);
    return images;
  }

  private static void checkOneShape(
      String fileName, List<LabelCsv.Row> rows, DecodedImage[] images) {
    List<Violation> violations = new ArrayList<>();
    DecodedImage reference = images[0];
    for (int i = 1; i < images.length; i++) {
      if (!images[i].shape().equals(reference.shape())) {
        violations.add(
            new Violation(
                Violation.FILE,
                "%s:%s is %s but %s is %s; every image must share one shape (image_size resamples"
                        .formatted(
                            fileName,
                            rows.get(i).file(),
                            images[i].shape(),
                            rows.get(0).file(),
                            reference.shape())
                    + " height and width, not channels)"));
      }
    }
    if (!violations.isEmpty()) {
      throw content(fileName, violations);
    }
  }

  private static DecodedImage fromDicom(DicomImage image) {
    return new DecodedImage(image.rows(), image.columns(), image.samples(), image.pixels());
  }

  private static DecodedImage resized(DecodedImage image, int size) {
    if (image.height() == size && image.width() == size) {
      return image;
    }
    byte[] pixels = new byte[size * size * image.channels()];
    ImageResizer.resizeImage(
        image.pixels(), 0, image.height(), image.width(), image.channels(), pixels, 0, size, size);
    return new DecodedImage(size, size, image.channels(), pixels);
  }

  private static Map<Split, LabeledImages> bySplit(
      DecodedImage[] images, int[] labels, Split[] splits) {
    DecodedImage reference = images[0];
    int imageBytes = reference.pixels().length;
    Map<Split, List<Integer>> members = new LinkedHashMap<>();
    for (Split split : Split.values()) {
      members.put(split, new ArrayList<>());
    }
    for (int i = 0; i < images.length; i++) {
      members.get(splits[i]).add(i);
    }
    Map<Split, LabeledImages> result = new EnumMap<>(Split.class);
    for (Map.Entry<Split, List<Integer>> split : members.entrySet()) {
      List<Integer> indices = split.getValue();
      byte[] pixels = new byte[Math.multiplyExact(indices.size(), imageBytes)];
      int[] splitLabels = new int[indices.size()];
      for (int k = 0; k < indices.size(); k++) {
        System.arraycopy(images[indices.get(k)].pixels(), 0, pixels, k * imageBytes, imageBytes);
        splitLabels[k] = labels[indices.get(k)];
      }
      result.put(
          split.getKey(),
          new LabeledImages(
              indices.size(),
              reference.height(),
              reference.width(),
              reference.channels(),
              pixels,
              splitLabels));
    }
    return result;
  }

  private static String text(ZipFile zip, ZipEntry entry, String fileName) throws IOException {
    byte[] bytes = bytes(zip, entry, fileName + ":" + entry.getName());
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw corrupt(fileName + ":" + LabelCsv.FILE_NAME + ": not UTF-8 text");
    }
  }

  private static byte[] bytes(ZipFile zip, ZipEntry entry, String where) throws IOException {
    if (entry.getSize() > MAX_ENTRY_BYTES) {
      throw new InvalidImageDataException(where + ": larger than " + MAX_ENTRY_BYTES + " bytes");
    }
    try (InputStream in = zip.getInputStream(entry)) {
      return in.readNBytes(MAX_ENTRY_BYTES + 1);
    } catch (ZipException | java.io.EOFException e) {
      throw new InvalidImageDataException(where + ": damaged ZIP entry: " + e.getMessage(), e);
    }
  }

  private static InvalidRequestException corrupt(String message) {
    return InvalidRequestException.of(Reason.CORRUPT_FILE, Violation.FILE, message);
  }

  private static InvalidRequestException content(String fileName, List<Violation> violations) {
    return new InvalidRequestException(
        Reason.INVALID_DATASET_CONTENT,
        fileName + ": " + violations.get(0).description(),
        limit(violations));
  }

  private static List<Violation> limit(List<Violation> violations) {
    return violations.size() <= MAX_VIOLATIONS ? violations : violations.subList(0, MAX_VIOLATIONS);
  }
}
