package org.medxfer.gateway.infra.yaml;

import jakarta.enterprise.context.ApplicationScoped;
import org.medxfer.gateway.domain.StudyFileParser;
import org.medxfer.gateway.domain.StudyFileReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Parses study files with SnakeYAML's safe constructor (plain maps, lists and scalars only, never
 * arbitrary classes), then reads the tree with {@link StudyFileReader}.
 */
@ApplicationScoped
public class YamlStudyFileParser implements StudyFileParser {

  /** A study file is a page of YAML; anything much larger is a mistake or an attack. */
  static final int MAX_CODE_POINTS = 1_000_000;

  // Generous for hand-written files, far below what an alias bomb needs.
  private static final int MAX_ALIASES = 50;

  @Override
  public StudyFileReader.Reading parse(String text) {
    Object root;
    try {
      root = newYaml().load(text);
    } catch (MarkedYAMLException e) {
      return unreadable(describe(e));
    } catch (YAMLException e) {
      return unreadable(e.getMessage());
    }
    return StudyFileReader.read(root);
  }

  private static Yaml newYaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setAllowRecursiveKeys(false);
    return new Yaml(new SafeConstructor(options));
  }

  /** "line 3, column 7: mapping values are not allowed here" (1-based, as editors count). */
  static String describe(MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    StringBuilder description = new StringBuilder();
    if (mark != null) {
      description
          .append("line ")
          .append(mark.getLine() + 1)
          .append(", column ")
          .append(mark.getColumn() + 1)
          .append(": ");
    }
    String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
    description.append(problem == null ? "not valid YAML" : problem);
    if (e.getContext() != null && e.getProblem() != null) {
      description.append(" (").append(e.getContext()).append(')');
    }
    return description.toString();
  }

  private static StudyFileReader.Reading unreadable(String description) {
    return StudyFileReader.unreadable("is not valid YAML: " + description);
  }
}
