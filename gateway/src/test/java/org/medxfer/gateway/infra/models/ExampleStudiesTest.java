package org.medxfer.gateway.infra.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.medxfer.gateway.domain.ModelZooCheck;
import org.medxfer.gateway.domain.StudyDefinition;
import org.medxfer.gateway.domain.StudyFileReader;
import org.medxfer.gateway.domain.StudyValidator;
import org.medxfer.gateway.infra.yaml.YamlStudyFileParser;

/**
 * Every study file shipped in {@code examples/} follows the rules and passes the model-zoo check
 * against this build's catalog.
 */
class ExampleStudiesTest {

  private static final Path EXAMPLES = Path.of("..", "examples");

  private final YamlStudyFileParser parser = new YamlStudyFileParser();
  private final CatalogModelZoo zoo = new CatalogModelZoo();

  @Test
  void everyExampleIsAValidStudy() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(EXAMPLES)) {
      files = listing.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    for (Path file : files) {
      StudyFileReader.Reading reading =
          parser.parse(Files.readString(file, StandardCharsets.UTF_8));
      assertThat(StudyValidator.validate(reading.definition(), reading.problems()))
          .as(file.toString())
          .isEmpty();
      ModelZooCheck.Result result = ModelZooCheck.check(reading.definition(), zoo);
      assertThat(result.problems()).as(file.toString()).isEmpty();
      assertThat(result.cells()).as(file.toString()).isNotEmpty();
    }
  }

  @Test
  void theMedMnistProtocolExampleFollowsThePaper() throws IOException {
    StudyDefinition study =
        parser
            .parse(
                Files.readString(
                    EXAMPLES.resolve("medmnist-v2-protocol.yaml"), StandardCharsets.UTF_8))
            .definition();

    assertThat(study.architectures()).containsExactly("resnet18", "resnet50");
    assertThat(study.resolutions()).containsExactly(28, 224);
    assertThat(study.training().epochs()).isEqualTo(100);
    assertThat(study.training().batchSize()).isEqualTo(128);
    assertThat(study.training().learningRate()).isEqualTo(0.001);
    assertThat(study.training().schedule().milestones()).containsExactly(0.5, 0.75);
    assertThat(study.training().schedule().gamma()).isEqualTo(0.1);
  }
}
