package org.medxfer.gateway.domain;

import static org.medxfer.gateway.domain.StudyFields.ADAPTATIONS;
import static org.medxfer.gateway.domain.StudyFields.ARCHITECTURES;
import static org.medxfer.gateway.domain.StudyFields.CUSTOM_ARCHITECTURES;
import static org.medxfer.gateway.domain.StudyFields.INITS;
import static org.medxfer.gateway.domain.StudyFields.RESOLUTIONS;
import static org.medxfer.gateway.domain.StudyFields.UNRUNNABLE;
import static org.medxfer.gateway.domain.StudyFields.UP_TO_BLOCK;
import static org.medxfer.gateway.domain.StudyFields.WEIGHTS;
import static org.medxfer.gateway.domain.StudyFields.child;
import static org.medxfer.gateway.domain.StudyFields.element;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a study against the model zoo: every architecture must be one trainers build (or one the
 * study describes), every named weight set must exist. Combinations of factors that cannot run
 * (pretrained weights for an architecture without any, weights of another architecture, a
 * resolution below an architecture's minimum, a block beyond its last) are either problems, each on
 * the field of the factor level that cannot run with that architecture, or, when the study says
 * {@code unrunnable: skip}, cells left out with their reason.
 */
public final class ModelZooCheck {

  /** The outcome of a check. */
  public record Result(
      List<Violation> problems, List<TrialCell> cells, List<SkippedCell> skipped) {}

  private final StudyDefinition study;
  private final ModelZoo zoo;
  private final List<Violation> problems = new ArrayList<>();
  // One problem per (factor level, architecture), however many cells share it.
  private final Map<String, Violation> combinationProblems = new LinkedHashMap<>();

  private ModelZooCheck(StudyDefinition study, ModelZoo zoo) {
    this.study = study;
    this.zoo = zoo;
  }

  /** Checks {@code study}, which {@link StudyValidator} has accepted, and expands it. */
  public static Result check(StudyDefinition study, ModelZoo zoo) {
    return new ModelZooCheck(study, zoo).run();
  }

  /**
   * The problems with names alone (architectures neither in the zoo nor described by the study,
   * weight sets not registered), which can be told even when the rest of the study is invalid, so
   * that they are reported together with every other problem.
   */
  public static List<Violation> namingProblems(StudyDefinition study, ModelZoo zoo) {
    ModelZooCheck check = new ModelZooCheck(study, zoo);
    check.checkArchitectures();
    check.checkWeightNames();
    return List.copyOf(check.problems);
  }

  private Result run() {
    checkArchitectures();
    checkWeightNames();
    if (!problems.isEmpty()) {
      return new Result(List.copyOf(problems), List.of(), List.of());
    }
    List<TrialCell> runnable = new ArrayList<>();
    List<SkippedCell> skipped = new ArrayList<>();
    for (TrialCell cell : StudyExpander.expand(study)) {
      Optional<String> reason = unrunnable(cell);
      if (reason.isEmpty()) {
        runnable.add(cell);
      } else {
        skipped.add(new SkippedCell(cell.displayName(), reason.get()));
      }
    }
    if (study.unrunnable() == UnrunnablePolicy.FAIL) {
      problems.addAll(combinationProblems.values());
    } else if (runnable.isEmpty()) {
      problems.add(
          new Violation(UNRUNNABLE, "every cell of the study is unrunnable; nothing would run"));
    }
    return new Result(List.copyOf(problems), List.copyOf(runnable), List.copyOf(skipped));
  }

  private void checkArchitectures() {
    List<String> architectures = study.architectures();
    for (int i = 0; i < architectures.size(); i++) {
      String id = architectures.get(i);
      if (id != null && facts(id).isEmpty()) {
        List<String> known = new ArrayList<>(zoo.architectureIds());
        known.addAll(study.customArchitectures().keySet());
        problems.add(
            new Violation(
                element(ARCHITECTURES, i),
                "unknown architecture '"
                    + id
                    + "'; expected one of "
                    + String.join(", ", known)
                    + " (or one described under custom_architectures)"));
      }
    }
    for (String name : study.customArchitectures().keySet()) {
      if (zoo.architecture(name).isPresent()) {
        problems.add(
            new Violation(
                child(CUSTOM_ARCHITECTURES, name),
                "'"
                    + name
                    + "' is an architecture of the model zoo; give the custom CNN another name"));
      }
    }
  }

  private void checkWeightNames() {
    List<Initialization> inits = study.inits();
    for (int i = 0; i < inits.size(); i++) {
      Initialization init = inits.get(i);
      if (init != null
          && !init.weights().isEmpty()
          && zoo.weightsArchitecture(init.weights()).isEmpty()) {
        problems.add(
            new Violation(
                child(element(INITS, i), WEIGHTS),
                "no weight set '" + init.weights() + "' is registered"));
      }
    }
  }

  /** Why {@code cell} cannot run, if it cannot; records the problem on its factor's field. */
  private Optional<String> unrunnable(TrialCell cell) {
    String architecture = cell.architecture();
    ArchitectureFacts facts = facts(architecture).orElseThrow();
    boolean custom = study.customArchitectures().containsKey(architecture);
    if (cell.resolution() < facts.minimumResolution()) {
      return problem(
          element(RESOLUTIONS, study.resolutions().indexOf(cell.resolution())),
          architecture,
          "resolution "
              + cell.resolution()
              + " is below "
              + architecture
              + "'s minimum of "
              + facts.minimumResolution()
              + " pixels");
    }
    Initialization init = cell.init();
    String initPath = element(INITS, study.inits().indexOf(init));
    if (init.kind().usesPretrainedWeights()) {
      if (!init.weights().isEmpty()) {
        String weightsFor = zoo.weightsArchitecture(init.weights()).orElseThrow();
        if (!weightsFor.equals(architecture)) {
          return problem(
              child(initPath, WEIGHTS),
              architecture,
              "weights '" + init.weights() + "' are for " + weightsFor + ", not " + architecture);
        }
      } else if (custom || !zoo.hasDefaultWeights(architecture)) {
        return problem(
            initPath,
            architecture,
            init.kind().fileName()
                + " needs pretrained weights and none are registered for "
                + architecture);
      }
    }
    if (init.upToBlock() > facts.blockCount()) {
      return problem(
          child(initPath, UP_TO_BLOCK), architecture, blockMessage(init.upToBlock(), facts));
    }
    Adaptation adaptation = cell.adaptation();
    if (adaptation.upToBlock() > facts.blockCount()) {
      return problem(
          child(element(ADAPTATIONS, study.adaptations().indexOf(adaptation)), UP_TO_BLOCK),
          architecture,
          blockMessage(adaptation.upToBlock(), facts));
    }
    return Optional.empty();
  }

  private static String blockMessage(int block, ArchitectureFacts facts) {
    return "block "
        + block
        + " is beyond "
        + facts.id()
        + "'s last block ("
        + facts.blockCount()
        + " blocks)";
  }

  private Optional<String> problem(String field, String architecture, String reason) {
    combinationProblems.computeIfAbsent(
        field + "|" + architecture,
        key ->
            new Violation(
                field,
                reason
                    + " (with "
                    + element(ARCHITECTURES, study.architectures().indexOf(architecture))
                    + "; write 'unrunnable: skip' to leave such cells out)"));
    return Optional.of(reason);
  }

  private Optional<ArchitectureFacts> facts(String id) {
    CustomCnn custom = study.customArchitectures().get(id);
    if (custom != null) {
      return Optional.of(
          new ArchitectureFacts(id, custom.minimumResolution(), custom.blocks().size()));
    }
    return zoo.architecture(id);
  }
}
