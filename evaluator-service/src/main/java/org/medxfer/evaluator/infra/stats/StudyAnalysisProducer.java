package org.medxfer.evaluator.infra.stats;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.medxfer.evaluator.config.ReferenceResultsConfig;
import org.medxfer.evaluator.domain.ReferenceRegistry;
import org.medxfer.evaluator.domain.StudyAnalysis;

/**
 * Makes {@link StudyAnalysis} injectable: Commons Math distributions and the reference registry,
 * the shipped MedMNIST v2 results followed by the configured extra files.
 */
public class StudyAnalysisProducer {

  /** The classpath resource of the shipped reference results. */
  public static final String SHIPPED = "reference/medmnist-v2.tsv";

  @Produces
  @Singleton
  StudyAnalysis studyAnalysis(ReferenceResultsConfig config) {
    ReferenceRegistry registry = shipped();
    for (Path file : config.extraFiles().orElse(List.of())) {
      try {
        registry =
            registry.with(
                ReferenceRegistry.parse(
                    file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("reading reference results " + file, e);
      }
    }
    return new StudyAnalysis(new CommonsMathDistributions(), registry);
  }

  /** The reference results the evaluator ships. */
  public static ReferenceRegistry shipped() {
    try (InputStream in =
        StudyAnalysisProducer.class.getClassLoader().getResourceAsStream(SHIPPED)) {
      if (in == null) {
        throw new IllegalStateException(SHIPPED + " is missing from the classpath");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return ReferenceRegistry.parse(SHIPPED, Arrays.asList(text.split("\n", -1)));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + SHIPPED, e);
    }
  }
}
