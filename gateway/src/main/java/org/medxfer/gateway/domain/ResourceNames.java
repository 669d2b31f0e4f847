package org.medxfer.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resource names ({@code studies/{study}}, {@code studies/{study}/trials/{trial}}) and ids. */
public final class ResourceNames {

  /** A study or trial id: lower-case letters, digits and hyphens, starting with a letter. */
  private static final String ID = "[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?";

  private static final Pattern ID_PATTERN = Pattern.compile(ID);
  // dataset-service's rule for data set ids.
  private static final Pattern DATASET_ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Pattern STUDY_NAME = Pattern.compile("studies/(" + ID + ")");
  private static final Pattern TRIAL_NAME =
      Pattern.compile("studies/(" + ID + ")/trials/(" + ID + ")");
  private static final Pattern TRIAL_METRICS_NAME =
      Pattern.compile("studies/(" + ID + ")/trials/(" + ID + ")/metrics");

  // Room for "-" and the hash suffix within 63 characters.
  private static final int SLUG_LENGTH = 54;

  private ResourceNames() {}

  /** Whether {@code id} may be a study id. */
  public static boolean isValidId(String id) {
    return ID_PATTERN.matcher(id).matches();
  }

  /** Whether {@code id} may be a data set id (dataset-service's rule). */
  public static boolean isValidDatasetId(String id) {
    return DATASET_ID.matcher(id).matches();
  }

  /** {@code studies/{studyId}}. */
  public static String study(String studyId) {
    return "studies/" + studyId;
  }

  /** {@code studies/{studyId}/trials/{trialId}}. */
  public static String trial(String studyName, String trialId) {
    return studyName + "/trials/" + trialId;
  }

  /** Whether {@code name} is {@code studies/{study}}. */
  public static boolean isStudyName(String name) {
    return STUDY_NAME.matcher(name).matches();
  }

  /** Whether {@code name} is {@code studies/{study}/trials/{trial}}. */
  public static boolean isTrialName(String name) {
    return TRIAL_NAME.matcher(name).matches();
  }

  /** The study name of a trial name, when {@code trialName} is one. */
  public static Optional<String> studyOfTrial(String trialName) {
    Matcher matcher = TRIAL_NAME.matcher(trialName);
    return matcher.matches() ? Optional.of(study(matcher.group(1))) : Optional.empty();
  }

  /** The study name of a trial's metrics name ({@code studies/{s}/trials/{t}/metrics}). */
  public static Optional<String> studyOfTrialMetrics(String metricsName) {
    Matcher matcher = TRIAL_METRICS_NAME.matcher(metricsName);
    return matcher.matches() ? Optional.of(study(matcher.group(1))) : Optional.empty();
  }

  /**
   * Where a trial's checkpoints live: one place for all its attempts, so that a redelivered or
   * retried attempt resumes instead of starting over.
   */
  public static String checkpointPrefix(String trialName) {
    return trialName + "/checkpoint/";
  }

  /** Where a trial attempt's outputs go in the object store. */
  public static String outputPrefix(String trialName, int attempt) {
    return trialName + "/attempts/" + attempt + "/";
  }

  /**
   * An id made of a readable slug of {@code text} and a short hash of {@code discriminator}, so
   * that equal discriminators give equal ids and different ones (almost surely) different ids.
   */
  public static String derivedId(String text, String discriminator) {
    String slug = slug(text);
    return (slug.isEmpty() ? "x" : slug) + "-" + shortHash(discriminator);
  }

  /**
   * Lower-case letters and digits of {@code text}, other runs as one hyphen, starting with a
   * letter.
   */
  static String slug(String text) {
    String slug =
        text.toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^[^a-z]+", "")
            .replaceAll("-+$", "");
    if (slug.length() > SLUG_LENGTH) {
      slug = slug.substring(0, SLUG_LENGTH).replaceAll("-+$", "");
    }
    return slug;
  }

  /** The first 8 hex digits of the SHA-256 of {@code text}. */
  static String shortHash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
