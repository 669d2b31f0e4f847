package org.medxfer.common.models;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** The tab-separated tables shipped as resources: '#' comments, blank lines, fixed columns. */
final class TabSeparated {

  /** One row and the line it was on, for error messages. */
  record Line(int number, String[] cells) {}

  private TabSeparated() {}

  /**
   * The rows of {@code text}, each with exactly {@code columns} cells.
   *
   * @param what the table's name, for error messages ("weights registry line 3 has ...")
   */
  static List<Line> rows(Reader text, int columns, String what) throws IOException {
    List<Line> rows = new ArrayList<>();
    BufferedReader reader = new BufferedReader(text);
    String line;
    int lineNumber = 0;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      if (cells.length != columns) {
        throw new IllegalStateException(
            what + " line " + lineNumber + " has " + cells.length + " columns, not " + columns);
      }
      rows.add(new Line(lineNumber, cells));
    }
    return rows;
  }
}
