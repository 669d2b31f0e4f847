package org.medxfer.gateway.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;
import org.medxfer.gateway.domain.DataLocation;
import org.medxfer.gateway.domain.DatasetCatalog;
import org.medxfer.gateway.domain.DatasetLookup;
import org.medxfer.gateway.domain.DatasetRef;
import org.medxfer.gateway.domain.DuplicateRequestIdException;
import org.medxfer.gateway.domain.InitKind;
import org.medxfer.gateway.domain.Initialization;
import org.medxfer.gateway.domain.InvalidStudyException;
import org.medxfer.gateway.domain.InvalidStudyException.Problem;
import org.medxfer.gateway.domain.ModelZoo;
import org.medxfer.gateway.domain.ModelZooCheck;
import org.medxfer.gateway.domain.ResourceNames;
import org.medxfer.gateway.domain.Study;
import org.medxfer.gateway.domain.StudyAlreadyExistsException;
import org.medxfer.gateway.domain.StudyDefinition;
import org.medxfer.gateway.domain.StudyFields;
import org.medxfer.gateway.domain.StudyFileParser;
import org.medxfer.gateway.domain.StudyFileReader;
import org.medxfer.gateway.domain.StudyNotFoundException;
import org.medxfer.gateway.domain.StudyRepository;
import org.medxfer.gateway.domain.StudyState;
import org.medxfer.gateway.domain.StudyValidator;
import org.medxfer.gateway.domain.Trial;
import org.medxfer.gateway.domain.TrialCell;
import org.medxfer.gateway.domain.TrialCounts;
import org.medxfer.gateway.domain.TrialSetup;
import org.medxfer.gateway.domain.Violation;

/**
 * Creates a study: checks it, resolves its data sets, expands it into trials, stores study and
 * trials in one transaction and then dispatches the trials. Nothing is stored unless every check
 * passes; a repeated request id returns the study the first request created.
 */
@ApplicationScoped
public class CreateStudy {

  /** The request field of the study id. */
  public static final String STUDY_ID_FIELD = "study_id";

  private static final Logger LOG = Logger.getLogger(CreateStudy.class);

  /**
   * What to create.
   *
   * @param requestId makes retries idempotent; empty for none
   * @param studyId the study's id; empty derives one from the display name
   * @param studyFile the study file's text; empty when {@code spec} is given
   * @param spec the already-parsed study; null when {@code studyFile} is given
   * @param specFieldPaths renames study-file field paths to the request's fields, for a spec
   * @param validateOnly check and expand only; store and dispatch nothing
   */
  public record Command(
      String requestId,
      String studyId,
      String studyFile,
      StudyDefinition spec,
      UnaryOperator<String> specFieldPaths,
      boolean validateOnly) {

    /** A create from a study file. */
    public static Command fromFile(
        String requestId, String studyId, String studyFile, boolean validateOnly) {
      return new Command(
          requestId, studyId, studyFile, null, UnaryOperator.identity(), validateOnly);
    }

    /** A create from a parsed spec whose problems are reported under {@code specFieldPaths}. */
    public static Command fromSpec(
        String requestId,
        String studyId,
        StudyDefinition spec,
        UnaryOperator<String> specFieldPaths,
        boolean validateOnly) {
      return new Command(requestId, studyId, "", spec, specFieldPaths, validateOnly);
    }
  }

  private final StudyFileParser parser;
  private final DatasetCatalog catalog;
  private final StudyRepository repository;
  private final DispatchTrials dispatcher;
  private final ModelZoo zoo;
  private final Clock clock;
  private final StudyAccess access;

  public CreateStudy(
      StudyFileParser parser,
      DatasetCatalog catalog,
      ModelZoo zoo,
      StudyRepository repository,
      DispatchTrials dispatcher,
      Clock clock,
      StudyAccess access) {
    this.access = access;
    this.parser = parser;
    this.catalog = catalog;
    this.repository = repository;
    this.dispatcher = dispatcher;
    this.zoo = zoo;
    this.clock = clock;
  }

  /**
   * Creates the study in {@code project}, or returns the one an earlier request with the same id
   * created.
   */
  public Study create(Command command, String project) {
    boolean idempotent = !command.requestId().isEmpty() && !command.validateOnly();
    if (idempotent) {
      Optional<Study> earlier = repository.findStudyByRequestId(command.requestId());
      if (earlier.isPresent()) {
        access.requireStudy(earlier.get().name(), project);
        return earlier.get();
      }
    }
    StudyDefinition definition = check(command, project);
    ModelZooCheck.Result expansion = ModelZooCheck.check(definition, zoo);
    if (!expansion.problems().isEmpty()) {
      throw new InvalidStudyException(
          Problem.INVALID_STUDY,
          expansion.problems().stream()
              .map(problem -> renamed(problem, command.specFieldPaths()))
              .toList());
    }
    Map<String, DataLocation> data = resolveDatasets(definition, command.specFieldPaths(), project);
    Instant now = clock.instant();
    String studyName = ResourceNames.study(studyId(command, definition));
    List<Trial> trials = new ArrayList<>();
    for (TrialCell cell : expansion.cells()) {
      DataLocation location = data.get(cell.dataset());
      TrialSetup setup =
          new TrialSetup(
              cell,
              location.datasetVersion(),
              definition.resize(),
              definition.training(),
              definition.customArchitectures().get(cell.architecture()));
      trials.add(Trial.queued(studyName, setup, location, now));
    }
    TrialCounts counts = new TrialCounts(trials.size(), trials.size(), 0, 0, 0, 0);
    if (command.validateOnly()) {
      return new Study(
              studyName, null, null, null, null, definition, command.studyFile(), "", counts)
          .withSkipped(expansion.skipped());
    }
    Study study =
        new Study(
            studyName,
            StudyState.RUNNING,
            now,
            now,
            null,
            definition,
            command.studyFile(),
            command.requestId(),
            counts);
    try {
      repository.inTransaction(
          tx -> {
            tx.insertStudy(study, project);
            tx.insertTrials(trials);
            return null;
          });
    } catch (DuplicateRequestIdException | StudyAlreadyExistsException e) {
      // A concurrent retry of the same request committed first (PostgreSQL reports the conflict
      // only once that insert has committed); its derived study id is the same as ours.
      Optional<Study> first =
          command.requestId().isEmpty()
              ? Optional.empty()
              : repository.findStudyByRequestId(command.requestId());
      first.ifPresent(earlier -> access.requireStudy(earlier.name(), project));
      return first.orElseThrow(() -> e);
    }
    LOG.infof(
        "created %s with %d trials (%d unrunnable cells skipped)",
        studyName, trials.size(), expansion.skipped().size());
    try {
      dispatcher.dispatch(trials);
    } catch (RuntimeException e) {
      // The study is stored; the background dispatcher publishes what this could not.
      LOG.warnf("dispatching %s failed, the background dispatcher will: %s", studyName, e);
    }
    return repository
        .findStudy(studyName)
        .orElseThrow(() -> new StudyNotFoundException(studyName))
        .withSkipped(expansion.skipped());
  }

  /** The definition, when the study file or spec and the request's study id are valid. */
  private StudyDefinition check(Command command, String project) {
    StudyFileReader.Reading reading =
        command.spec() == null
            ? parser.parse(command.studyFile())
            : new StudyFileReader.Reading(command.spec(), List.of());
    List<Violation> violations = new ArrayList<>();
    if (!command.studyId().isEmpty() && !ResourceNames.isValidId(command.studyId())) {
      violations.add(
          new Violation(
              STUDY_ID_FIELD,
              "must be lower-case letters, digits and hyphens, start with a letter and be at most"
                  + " 63 characters"));
    }
    List<Violation> problems =
        new ArrayList<>(StudyValidator.validate(reading.definition(), reading.problems()));
    List<Violation> naming =
        new ArrayList<>(ModelZooCheck.namingProblems(reading.definition(), zoo));
    naming.addAll(sourceTrialProblems(reading.definition(), project));
    for (Violation problem : naming) {
      if (problems.stream().noneMatch(known -> known.concerns(problem.field()))) {
        problems.add(problem);
      }
    }
    for (Violation violation : problems) {
      violations.add(renamed(violation, command.specFieldPaths()));
    }
    if (!violations.isEmpty()) {
      throw new InvalidStudyException(Problem.INVALID_STUDY, violations);
    }
    return reading.definition();
  }

  /**
   * A checkpoint init may start only from a trial of a study of the study's own project: weights
   * trained on another project's data are that project's. A study that does not exist, or is
   * another project's, is a problem of the init's {@code source_trial} (malformed names are
   * StudyValidator's).
   */
  private List<Violation> sourceTrialProblems(StudyDefinition definition, String project) {
    List<Violation> problems = new ArrayList<>();
    List<Initialization> inits = definition.inits();
    for (int i = 0; i < inits.size(); i++) {
      Initialization init = inits.get(i);
      if (init == null || init.kind() != InitKind.CHECKPOINT) {
        continue;
      }
      Optional<String> study = ResourceNames.studyOfTrial(init.sourceTrial());
      if (study.isEmpty()) {
        continue;
      }
      String field =
          StudyFields.child(StudyFields.element(StudyFields.INITS, i), StudyFields.SOURCE_TRIAL);
      Optional<String> owner = repository.projectOf(study.get());
      if (owner.isEmpty()) {
        problems.add(new Violation(field, "study '" + study.get() + "' does not exist"));
      } else if (!owner.get().equals(project)) {
        problems.add(
            new Violation(
                field,
                "study '"
                    + study.get()
                    + "' belongs to another project; a checkpoint must come from one of this"
                    + " project's studies"));
      }
    }
    return problems;
  }

  /** The newest version of every data set, or every data set that has none. */
  private Map<String, DataLocation> resolveDatasets(
      StudyDefinition definition, UnaryOperator<String> fieldPaths, String project) {
    Map<String, DataLocation> data = new LinkedHashMap<>();
    List<Violation> unknown = new ArrayList<>();
    List<Violation> unusable = new ArrayList<>();
    List<String> datasets = definition.datasets();
    for (int i = 0; i < datasets.size(); i++) {
      DatasetRef ref = DatasetRef.parse(datasets.get(i));
      String dataset = ref.id();
      String field = fieldPaths.apply(StudyFields.element(StudyFields.DATASETS, i));
      DatasetLookup lookup = catalog.version(ref, project);
      if (lookup instanceof DatasetLookup.Found found) {
        List<String> missing = found.location().missingSplits();
        if (missing.isEmpty()) {
          data.put(dataset, found.location());
        } else {
          unusable.add(
              new Violation(
                  field,
                  "data set '"
                      + dataset
                      + "' version "
                      + found.location().datasetVersion()
                      + " has no "
                      + String.join(", ", missing)
                      + " split"));
        }
      } else if (lookup instanceof DatasetLookup.Denied) {
        unusable.add(
            new Violation(
                field,
                "data set '"
                    + dataset
                    + "' belongs to another project; a study trains only on"
                    + " its own project's data sets"));
      } else if (lookup instanceof DatasetLookup.NotReady notReady) {
        unusable.add(
            new Violation(
                field, "data set '" + dataset + "' has no version to train on: " + notReady.why()));
      } else {
        unknown.add(
            new Violation(
                field,
                ref.version().equals(DatasetRef.LATEST)
                    ? "data set '" + dataset + "' does not exist"
                    : "data set '" + dataset + "' has no version '" + ref.version() + "'"));
      }
    }
    if (!unknown.isEmpty()) {
      List<Violation> all = new ArrayList<>(unknown);
      all.addAll(unusable);
      throw new InvalidStudyException(Problem.UNKNOWN_DATASET, all);
    }
    if (!unusable.isEmpty()) {
      throw new InvalidStudyException(Problem.INVALID_STUDY, unusable);
    }
    return data;
  }

  private static String studyId(Command command, StudyDefinition definition) {
    if (!command.studyId().isEmpty()) {
      return command.studyId();
    }
    // A retried request derives the same id; without a request id, any fresh suffix will do.
    String discriminator =
        command.requestId().isEmpty() ? UUID.randomUUID().toString() : command.requestId();
    return ResourceNames.derivedId(definition.displayName(), discriminator);
  }

  private static Violation renamed(Violation violation, UnaryOperator<String> fieldPaths) {
    return new Violation(fieldPaths.apply(violation.field()), violation.description());
  }
}
