package org.medxfer.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.medxfer.proto.evaluation.v1.CodeVersionCount;
import org.medxfer.proto.evaluation.v1.MetricWarning;
import org.medxfer.proto.evaluation.v1.MetricWarningKind;
import org.medxfer.proto.evaluation.v1.StudyReport;

class HtmlReportTest {

  private static final String HTML = HtmlReport.render(DemoReportInputs.load());

  private static int count(String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(HTML);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  @Test
  void theReportIsOneFileThatFetchesNothing() {
    assertThat(HTML).startsWith("<!DOCTYPE html>");
    assertThat(HTML).doesNotContain("<script", "<link", "src=", "url(", "@import");
  }

  @Test
  void everyPlotHasOneMarkPerItem() {
    // 2 architectures x 2 label fractions: ImageNet against random in 4 cells.
    assertThat(count("<rect class=\"estimate\"")).isEqualTo(4);
    assertThat(count("<line class=\"ci\"")).isEqualTo(4);
    // 24 trials, one learning curve each, in 4 panels.
    assertThat(count("<polyline class=\"curve\"")).isEqualTo(24);
    assertThat(count("<svg class=\"plot curves\"")).isEqualTo(4);
    // 8 arms in 2 panels (one per architecture).
    assertThat(count("<circle class=\"arm\"")).isEqualTo(8);
    assertThat(count("<svg class=\"plot fractions\"")).isEqualTo(2);
  }

  @Test
  void tablesWarningsAndProvenanceAreThere() {
    assertThat(count("<table class=\"arms\">")).isEqualTo(1);
    assertThat(HTML).contains("squeezenet1_1", "mobilenet_v1_025", "0.8423 ± 0.0129");
    assertThat(HTML).contains("1000 resamples, seed 0");
    assertThat(HTML).contains("id=\"warnings\"");
    assertThat(HTML)
        .contains("mobilenet_v1_025_imagenet", "Apache-2.0", "squeezenet1_1_imagenet", "MIT");
    assertThat(HTML).contains("datasets/breastmnist/versions/96b00cf3e6fe4782");
    assertThat(HTML).contains("not found in the dataset service");
    assertThat(HTML).contains("Seeds: breastmnist [0, 1, 2]");
    assertThat(HTML).contains("fractions: [0.25, 1.0]");
  }

  @Test
  void trialsThatRecordedNoCodeVersionAreFlaggedNextToTheRenderingVersion() {
    // The recorded demo study predates code versions: its 24 trials recorded none.
    assertThat(HTML)
        .contains(
            "<tr><td class=\"flag\">not recorded</td><td class=\"n\">24</td></tr>",
            "Caution: the trials did not record the code version that trained them.",
            "<span class=\"flag\">code version not recorded</span> study: 24 trials",
            "Rendered by: <code>test</code>");
    assertThat(HTML).doesNotContain("not all trained by one code version");
  }

  @Test
  void armsTrainedByDifferentCodeVersionsAreListedWithCountsAndWarnedAbout() {
    HtmlReport.Inputs demo = DemoReportInputs.load();
    StudyReport mixed =
        demo.report().toBuilder()
            .clearCodeVersions()
            .addCodeVersions(
                CodeVersionCount.newBuilder().setCodeVersion("0.1.0+gaaaaaaaaaaaa").setTrials(12))
            .addCodeVersions(
                CodeVersionCount.newBuilder()
                    .setCodeVersion("0.1.0+gbbbbbbbbbbbb.dirty")
                    .setTrials(12))
            .addWarnings(
                MetricWarning.newBuilder()
                    .setKind(MetricWarningKind.METRIC_WARNING_KIND_MIXED_CODE_VERSIONS)
                    .setClassIndex(-1)
                    .setMessage("the trials were trained by different code versions"))
            .build();

    String html =
        HtmlReport.render(
            new HtmlReport.Inputs(
                mixed,
                demo.trials(),
                demo.study(),
                demo.datasetVersions(),
                "0.1.0+gcccccccccccc",
                demo.generatedAt()));

    assertThat(html)
        .contains(
            "<tr><td><code>0.1.0+gaaaaaaaaaaaa</code></td><td class=\"n\">12</td></tr>",
            "<tr><td><code>0.1.0+gbbbbbbbbbbbb.dirty</code></td><td class=\"n\">12</td></tr>",
            "not all trained by one code version",
            "<span class=\"flag\">mixed_code_versions</span> study: the trials were trained by"
                + " different code versions",
            "Rendered by: <code>0.1.0+gcccccccccccc</code>");
    assertThat(html).doesNotContain("not recorded");
  }

  @Test
  void textFromTheStudyIsEscaped() {
    assertThat(Svg.escape("<b a=\"x\">&'")).isEqualTo("&lt;b a=&quot;x&quot;&gt;&amp;&#39;");
  }
}
