package org.medxfer.dataset.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the {@code labels.csv} of an image-folder or DICOM import: a header with the columns
 * {@code file}, {@code label} (or {@code labels}) and optionally {@code split}, in any order (other
 * columns are ignored), then one row per image. Fields may be double-quoted ({@code ""} escapes a
 * quote). A label is a class name from the card; a multi-label row lists its present class names
 * separated by {@code |} (empty for none) and becomes a bit mask. Every problem is reported with
 * its line, not only the first.
 */
public final class LabelCsv {

  /** The name the label file must have at the archive's root. */
  public static final String FILE_NAME = "labels.csv";

  /** Reports stop after this many problems, so a wholly wrong file gives a readable error. */
  static final int MAX_VIOLATIONS = 20;

  private LabelCsv() {}

  /** One labelled image. */
  public record Row(int line, String file, int label, Optional<Split> split) {}

  /**
   * The rows, or the problems.
   *
   * @param hasSplits whether the file has a {@code split} column (then every row has a split)
   */
  public record Parsed(List<Row> rows, boolean hasSplits, List<Violation> violations) {}

  /** Parses {@code text} against the card's class names and task type. */
  public static Parsed parse(String text, DatasetCard card) {
    List<Violation> violations = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    int headerLine = 0;
    while (headerLine < lines.length && lines[headerLine].isBlank()) {
      headerLine++;
    }
    if (headerLine == lines.length) {
      violations.add(problem(0, "is empty; it needs a header line 'file,label[,split]'"));
      return new Parsed(rows, false, violations);
    }
    List<String> header = fields(stripBom(lines[headerLine]));
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      columns.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    Integer fileColumn = columns.get("file");
    Integer labelColumn =
        columns.containsKey("label") ? columns.get("label") : columns.get("labels");
    Integer splitColumn = columns.get("split");
    if (fileColumn == null || labelColumn == null) {
      violations.add(
          problem(
              headerLine + 1,
              "header "
                  + header
                  + " needs the columns 'file' and 'label' (and optionally 'split')"));
      return new Parsed(rows, false, violations);
    }
    Map<String, Integer> classIndex = new HashMap<>();
    for (int i = 0; i < card.classNames().size(); i++) {
      classIndex.put(card.classNames().get(i), i);
    }
    boolean multiLabel = card.taskType() == TaskType.MULTI_LABEL;
    Set<String> seen = new HashSet<>();
    for (int i = headerLine + 1; i < lines.length && violations.size() < MAX_VIOLATIONS; i++) {
      int line = i + 1;
      if (lines[i].isBlank()) {
        continue;
      }
      List<String> fields = fields(lines[i]);
      int needed =
          Math.max(fileColumn, Math.max(labelColumn, splitColumn == null ? 0 : splitColumn));
      if (fields.size() <= needed) {
        violations.add(
            problem(
                line,
                "has %d fields, the header asks for %d".formatted(fields.size(), needed + 1)));
        continue;
      }
      String file = fields.get(fileColumn).trim();
      if (file.isEmpty()) {
        violations.add(problem(line, "has an empty 'file'"));
        continue;
      }
      if (!seen.add(file)) {
        violations.add(problem(line, "names '" + file + "' a second time"));
        continue;
      }
      Optional<Integer> label =
          multiLabel
              ? mask(fields.get(labelColumn), classIndex, card, line, violations)
              : single(fields.get(labelColumn), classIndex, card, line, violations);
      Optional<Split> split = Optional.empty();
      if (splitColumn != null) {
        String value = fields.get(splitColumn).trim().toLowerCase(Locale.ROOT);
        split = Split.fromKey(value);
        if (split.isEmpty()) {
          violations.add(
              problem(line, "split '" + value + "' of '" + file + "' is not train, val or test"));
          continue;
        }
      }
      if (label.isPresent()) {
        rows.add(new Row(line, file, label.get(), split));
      }
    }
    if (rows.isEmpty() && violations.isEmpty()) {
      violations.add(problem(headerLine + 1, "has a header but no rows"));
    }
    return new Parsed(rows, splitColumn != null, violations);
  }

  /** The class index of one class name, or a violation naming the line. */
  private static Optional<Integer> single(
      String value,
      Map<String, Integer> classIndex,
      DatasetCard card,
      int line,
      List<Violation> violations) {
    Integer index = classIndex.get(value.trim());
    if (index == null) {
      violations.add(
          problem(
              line,
              "label '%s' is not one of the declared classes %s"
                  .formatted(value.trim(), card.classNames())));
      return Optional.empty();
    }
    return Optional.of(index);
  }

  /** The bit mask of {@code |}-separated class names (empty: no class). */
  private static Optional<Integer> mask(
      String value,
      Map<String, Integer> classIndex,
      DatasetCard card,
      int line,
      List<Violation> violations) {
    int mask = 0;
    if (value.isBlank()) {
      return Optional.of(0);
    }
    for (String name : value.split("\\|", -1)) {
      Optional<Integer> index = single(name, classIndex, card, line, violations);
      if (index.isEmpty()) {
        return Optional.empty();
      }
      mask |= 1 << index.get();
    }
    return Optional.of(mask);
  }

  private static Violation problem(int line, String description) {
    return new Violation(
        Violation.FILE, FILE_NAME + (line > 0 ? " line " + line : "") + ": " + description);
  }

  private static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  /** The fields of one line; quotes protect commas, {@code ""} is a literal quote. */
  static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
