package org.medxfer.common.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Measured training and inference throughput per architecture and resolution (the training bench's
 * figures), for predicting how long trials take before they run.
 */
public final class ThroughputTable {

  /** Class-path location of the CPU figures. */
  public static final String CPU_RESOURCE = "/medxfer/throughput-cpu.tsv";

  private static final int COLUMNS = 6;

  /**
   * One measurement.
   *
   * @param architecture architecture id
   * @param resolution input side in pixels
   * @param batchSize batch size measured
   * @param trainImagesPerSecond training images per second (forward, backward, update)
   * @param inferenceImagesPerSecond inference images per second
   * @param machine where it was measured
   */
  public record Row(
      String architecture,
      int resolution,
      int batchSize,
      double trainImagesPerSecond,
      double inferenceImagesPerSecond,
      String machine) {}

  /**
   * A throughput estimate for one architecture and resolution.
   *
   * @param trainImagesPerSecond training images per second
   * @param inferenceImagesPerSecond inference images per second
   * @param measured the row it came from
   * @param scaled true when {@code measured} is another resolution, scaled by pixel count
   */
  public record Estimate(
      double trainImagesPerSecond, double inferenceImagesPerSecond, Row measured, boolean scaled) {}

  private final List<Row> rows;

  private ThroughputTable(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /** The CPU figures shipped with this build. */
  public static ThroughputTable bundledCpu() {
    try (InputStream in = ThroughputTable.class.getResourceAsStream(CPU_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(CPU_RESOURCE + " is not on the class path");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CPU_RESOURCE, e);
    }
  }

  /**
   * Parses table text: '#' comments, then tab-separated {@code architecture resolution batch_size
   * train_images_per_second inference_images_per_second machine}.
   */
  public static ThroughputTable parse(Reader text) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (TabSeparated.Line line : TabSeparated.rows(text, COLUMNS, "throughput table")) {
      String[] cells = line.cells();
      try {
        rows.add(
            new Row(
                cells[0],
                Integer.parseInt(cells[1]),
                Integer.parseInt(cells[2]),
                Double.parseDouble(cells[3]),
                cells[4].isBlank() ? 0.0 : Double.parseDouble(cells[4]),
                cells[5]));
      } catch (NumberFormatException e) {
        throw new IllegalStateException(
            "throughput table line " + line.number() + ": " + e.getMessage(), e);
      }
    }
    return new ThroughputTable(rows);
  }

  public List<Row> rows() {
    return rows;
  }

  /**
   * The throughput of {@code architecture} at {@code resolution}: the measured row, or the row of
   * the nearest measured resolution scaled by pixel count (cost grows with pixels), or empty when
   * the architecture was never measured.
   */
  public Optional<Estimate> estimate(String architecture, int resolution) {
    return rows.stream()
        .filter(row -> row.architecture().equals(architecture))
        .min(Comparator.comparingInt(row -> Math.abs(row.resolution() - resolution)))
        .map(
            row -> {
              if (row.resolution() == resolution) {
                return new Estimate(
                    row.trainImagesPerSecond(), row.inferenceImagesPerSecond(), row, false);
              }
              double pixelRatio =
                  (double) row.resolution() * row.resolution() / ((double) resolution * resolution);
              return new Estimate(
                  row.trainImagesPerSecond() * pixelRatio,
                  row.inferenceImagesPerSecond() * pixelRatio,
                  row,
                  true);
            });
  }
}
