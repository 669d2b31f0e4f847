package org.medxfer.dataset.domain.dicom;

/** A file could not be read as a DICOM image; the message starts with the file's name. */
public class DicomFormatException extends RuntimeException {

  private final String fileName;
  private final String problem;

  public DicomFormatException(String fileName, String problem) {
    super(fileName + ": " + problem);
    this.fileName = fileName;
    this.problem = problem;
  }

  public String fileName() {
    return fileName;
  }

  public String problem() {
    return problem;
  }
}
