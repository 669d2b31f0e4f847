package org.medxfer.common.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class CodeVersionTest {

  private static Properties properties(String version, String commit, String dirty) {
    Properties properties = new Properties();
    properties.setProperty("version", version);
    properties.setProperty("commit", commit);
    properties.setProperty("dirty", dirty);
    return properties;
  }

  @Test
  void aCleanCheckoutIsTheVersionWithTheCommit() {
    assertThat(CodeVersion.of(properties("0.1.0", "398f55437063", "false")))
        .isEqualTo("0.1.0+g398f55437063");
  }

  @Test
  void uncommittedChangesAreMarkedDirty() {
    assertThat(CodeVersion.of(properties("0.1.0-SNAPSHOT", "398f55437063", "true")))
        .isEqualTo("0.1.0-SNAPSHOT+g398f55437063.dirty");
  }

  @Test
  void aBuildOutsideGitKeepsThePlaceholdersAndHasAnUnknownCommit() {
    assertThat(
            CodeVersion.of(properties("0.1.0-SNAPSHOT", "${git.commit.id.abbrev}", "${git.dirty}")))
        .isEqualTo("0.1.0-SNAPSHOT+unknown");
  }

  @Test
  void noResourceOrNoVersionIsUnknown() {
    assertThat(CodeVersion.of(null)).isEqualTo("unknown");
    assertThat(CodeVersion.of(new Properties())).isEqualTo("unknown");
    assertThat(CodeVersion.of(properties("${project.version}", "abc", "false")))
        .isEqualTo("unknown");
  }

  @Test
  void thisBuildHasAVersionFromItsOwnPom() {
    // The resource is filtered at build time; whether git was there decides only the suffix.
    assertThat(CodeVersion.current())
        .matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\+(g[0-9a-f]{7,40}(\\.dirty)?|unknown)");
  }
}
