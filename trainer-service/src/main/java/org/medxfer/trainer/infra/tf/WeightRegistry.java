package org.medxfer.trainer.infra.tf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.medxfer.trainer.domain.Architecture;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.PretrainedWeights;
import org.medxfer.trainer.domain.TrialFailedException;

/**
 * The pretrained weight files this trainer accepts, read from {@value #RESOURCE} on the class path.
 * A file is only handed out after its sha256 matched the registry, so the ImageNet arm of every
 * trial starts from the same bytes on every machine.
 */
public final class WeightRegistry {

  /** Class-path location of the tab-separated registry. */
  public static final String RESOURCE = "/medxfer/pretrained-weights.tsv";

  private static final int COLUMNS = 6;

  private final List<PretrainedWeights> entries;

  private WeightRegistry(List<PretrainedWeights> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The registry bundled with the trainer. */
  public static WeightRegistry bundled() {
    try (InputStream in = WeightRegistry.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "weight registry " + RESOURCE + " is not on the class path");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read weight registry " + RESOURCE, e);
    }
  }

  /** Parses registry text: '#' comments, one tab-separated entry per line. */
  static WeightRegistry parse(Reader text) throws IOException {
    List<PretrainedWeights> entries = new ArrayList<>();
    BufferedReader reader = new BufferedReader(text);
    String line;
    int lineNumber = 0;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      if (columns.length != COLUMNS) {
        throw new IllegalStateException(
            "weight registry line "
                + lineNumber
                + " has "
                + columns.length
                + " columns, not "
                + COLUMNS);
      }
      entries.add(
          new PretrainedWeights(
              columns[0],
              Architecture.fromId(columns[1]),
              columns[2],
              columns[3].toLowerCase(Locale.ROOT),
              columns[4],
              columns[5]));
    }
    return new WeightRegistry(entries);
  }

  public List<PretrainedWeights> entries() {
    return entries;
  }

  /** The ImageNet weights registered for {@code architecture}, if any. */
  public Optional<PretrainedWeights> forArchitecture(Architecture architecture) {
    return entries.stream().filter(e -> e.architecture() == architecture).findFirst();
  }

  /**
   * The file of {@code weights} inside {@code weightsDir}, after checking its sha256.
   *
   * @throws TrialFailedException {@link FailureReason#WEIGHTS_MISSING} when the file is absent,
   *     {@link FailureReason#WEIGHTS_CORRUPT} when its digest differs
   */
  public Path verifiedFile(PretrainedWeights weights, Path weightsDir) {
    Path file = weightsDir.resolve(weights.file());
    if (!Files.isRegularFile(file)) {
      throw new TrialFailedException(
          FailureReason.WEIGHTS_MISSING,
          "Weight file "
              + file
              + " ("
              + weights.name()
              + " for "
              + weights.architecture().id()
              + ") does not exist; put "
              + weights.file()
              + " into the weights directory");
    }
    return verify(file, weights);
  }

  /**
   * {@code file} itself after checking its sha256 against {@code weights}.
   *
   * @throws TrialFailedException {@link FailureReason#WEIGHTS_CORRUPT} when the digest differs
   */
  public static Path verify(Path file, PretrainedWeights weights) {
    String actual = sha256(file);
    if (!actual.equals(weights.sha256())) {
      throw new TrialFailedException(
          FailureReason.WEIGHTS_CORRUPT,
          "Weight file "
              + file
              + " has sha256 "
              + actual
              + " but registry entry "
              + weights.name()
              + " expects "
              + weights.sha256());
    }
    return file;
  }

  /** Lower-case hex sha256 of {@code file}. */
  public static String sha256(Path file) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new TrialFailedException(
          FailureReason.WEIGHTS_CORRUPT, "Weight file " + file + " cannot be read: " + e, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
