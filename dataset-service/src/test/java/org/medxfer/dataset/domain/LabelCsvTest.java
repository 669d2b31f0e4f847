package org.medxfer.dataset.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelCsvTest {

  private static final DatasetCard BINARY =
      new DatasetCard("x-ray", TaskType.BINARY, List.of("normal", "pneumonia"), "", "");
  private static final DatasetCard CHEST =
      new DatasetCard("x-ray", TaskType.MULTI_LABEL, List.of("effusion", "mass", "nodule"), "", "");

  @Test
  void readsColumnsInAnyOrderWithQuotesAndSplits() {
    LabelCsv.Parsed parsed =
        LabelCsv.parse(
            "\uFEFFsplit,patient,file,label\r\n"
                + "train,p1,\"a, b.png\",normal\r\n"
                + "TEST,p2,c.png,pneumonia\r\n\r\n",
            BINARY);

    assertThat(parsed.violations()).isEmpty();
    assertThat(parsed.hasSplits()).isTrue();
    assertThat(parsed.rows())
        .containsExactly(
            new LabelCsv.Row(2, "a, b.png", 0, Optional.of(Split.TRAIN)),
            new LabelCsv.Row(3, "c.png", 1, Optional.of(Split.TEST)));
  }

  @Test
  void multiLabelRowsBecomeBitMasks() {
    LabelCsv.Parsed parsed =
        LabelCsv.parse("file,labels\na.png,effusion|nodule\nb.png,\nc.png,mass\n", CHEST);

    assertThat(parsed.rows()).extracting(LabelCsv.Row::label).containsExactly(0b101, 0, 0b010);
    assertThat(parsed.hasSplits()).isFalse();
  }

  @Test
  void reportsEveryBadLineWithItsNumber() {
    LabelCsv.Parsed parsed =
        LabelCsv.parse(
            "file,label,split\n"
                + "a.png,normal,train\n"
                + "a.png,normal,val\n"
                + "b.png,cyst,train\n"
                + "c.png,normal,holdout\n"
                + "d.png\n"
                + ",normal,test\n",
            BINARY);

    assertThat(parsed.violations())
        .extracting(Violation::description)
        .containsExactly(
            "labels.csv line 3: names 'a.png' a second time",
            "labels.csv line 4: label 'cyst' is not one of the declared classes [normal, pneumonia]",
            "labels.csv line 5: split 'holdout' of 'c.png' is not train, val or test",
            "labels.csv line 6: has 1 fields, the header asks for 3",
            "labels.csv line 7: has an empty 'file'");
  }

  @Test
  void aHeaderWithoutFileOrLabelAndAnEmptyFileAreRefused() {
    assertThat(LabelCsv.parse("image,class\na.png,normal\n", BINARY).violations())
        .extracting(Violation::description)
        .singleElement()
        .asString()
        .startsWith(
            "labels.csv line 1: header [image, class] needs the columns 'file' and 'label'");
    assertThat(LabelCsv.parse("\n", BINARY).violations())
        .extracting(Violation::description)
        .containsExactly("labels.csv: is empty; it needs a header line 'file,label[,split]'");
  }
}
