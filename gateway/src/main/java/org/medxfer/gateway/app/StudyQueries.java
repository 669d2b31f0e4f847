package org.medxfer.gateway.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.medxfer.gateway.domain.InvalidRequestException;
import org.medxfer.gateway.domain.ResourceNames;
import org.medxfer.gateway.domain.Study;
import org.medxfer.gateway.domain.StudyCursor;
import org.medxfer.gateway.domain.StudyNotFoundException;
import org.medxfer.gateway.domain.StudyRepository;
import org.medxfer.gateway.domain.Trial;
import org.medxfer.gateway.domain.TrialNotFoundException;
import org.medxfer.gateway.domain.Violation;

/** Reads studies and trials: get one, list a page. */
@ApplicationScoped
public class StudyQueries {

  public static final int DEFAULT_STUDY_PAGE = 50;
  public static final int MAX_STUDY_PAGE = 500;
  public static final int DEFAULT_TRIAL_PAGE = 100;
  public static final int MAX_TRIAL_PAGE = 1000;

  /** A page of results and the token of the next one (empty on the last page). */
  public record Page<T>(List<T> items, String nextPageToken) {}

  private final StudyRepository repository;

  public StudyQueries(StudyRepository repository) {
    this.repository = repository;
  }

  /** Study {@code name} with its trial counts. */
  public Study getStudy(String name) {
    requireStudyName(name);
    return repository.findStudy(name).orElseThrow(() -> new StudyNotFoundException(name));
  }

  /** The studies of {@code project}, newest first. */
  public Page<Study> listStudies(String project, int pageSize, String pageToken) {
    int size = pageSize(pageSize, DEFAULT_STUDY_PAGE, MAX_STUDY_PAGE);
    Optional<StudyCursor> after = pageToken.isEmpty() ? Optional.empty() : studyCursor(pageToken);
    List<Study> studies = repository.listStudies(project, after, size + 1);
    if (studies.size() <= size) {
      return new Page<>(studies, "");
    }
    Study last = studies.get(size - 1);
    String next =
        encode(
            last.createTime().getEpochSecond()
                + ":"
                + last.createTime().getNano()
                + ":"
                + last.name());
    return new Page<>(studies.subList(0, size), next);
  }

  /** Trial {@code name}. */
  public Trial getTrial(String name) {
    if (!ResourceNames.isTrialName(name)) {
      throw new InvalidRequestException(
          new Violation("name", "must be a trial name: studies/{study}/trials/{trial}"));
    }
    return repository.findTrial(name).orElseThrow(() -> new TrialNotFoundException(name));
  }

  /** The trials of study {@code parent} in cell order. */
  public Page<Trial> listTrials(String parent, int pageSize, String pageToken) {
    if (!ResourceNames.isStudyName(parent)) {
      throw new InvalidRequestException(
          new Violation("parent", "must be a study name: studies/{study}"));
    }
    int size = pageSize(pageSize, DEFAULT_TRIAL_PAGE, MAX_TRIAL_PAGE);
    int after = pageToken.isEmpty() ? -1 : trialCursor(pageToken);
    List<Trial> trials = repository.listTrials(parent, after, size + 1);
    if (trials.isEmpty() && after < 0 && repository.findStudy(parent).isEmpty()) {
      throw new StudyNotFoundException(parent);
    }
    if (trials.size() <= size) {
      return new Page<>(trials, "");
    }
    return new Page<>(
        trials.subList(0, size), encode(Integer.toString(trials.get(size - 1).ordinal())));
  }

  /** Checks that {@code name} is {@code studies/{study}}. */
  static void requireStudyName(String name) {
    if (!ResourceNames.isStudyName(name)) {
      throw new InvalidRequestException(
          new Violation("name", "must be a study name: studies/{study}"));
    }
  }

  private static int pageSize(int requested, int defaultSize, int maxSize) {
    if (requested < 0) {
      throw new InvalidRequestException(new Violation("page_size", "must not be negative"));
    }
    return requested == 0 ? defaultSize : Math.min(requested, maxSize);
  }

  private static Optional<StudyCursor> studyCursor(String token) {
    String[] parts = decode(token).split(":", 3);
    if (parts.length != 3) {
      throw invalidToken();
    }
    try {
      Instant createTime =
          Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
      return Optional.of(new StudyCursor(createTime, parts[2]));
    } catch (NumberFormatException | DateTimeException e) {
      throw invalidToken();
    }
  }

  private static int trialCursor(String token) {
    try {
      return Integer.parseInt(decode(token));
    } catch (NumberFormatException e) {
      throw invalidToken();
    }
  }

  // Tokens are opaque to clients; base64 keeps them from being mistaken for a format to rely on.
  private static String encode(String cursor) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalidToken();
    }
  }

  private static InvalidRequestException invalidToken() {
    return new InvalidRequestException(
        new Violation("page_token", "is not a token from a previous response"));
  }
}
