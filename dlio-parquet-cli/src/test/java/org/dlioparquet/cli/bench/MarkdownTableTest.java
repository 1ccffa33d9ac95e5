package org.dlioparquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTableTest {

    @Test
    void rendersHeaderSeparatorAndRows() {
        MarkdownTable t = new MarkdownTable(List.of("case", "MiB/s")).row(List.of("a", "1")).row(List.of("b", "2"));

        assertThat(t.render()).isEqualTo("""
                | case | MiB/s |
                |---|---|
                | a | 1 |
                | b | 2 |
                """);
    }

    @Test
    void aPipeInACellDoesNotSplitIt() {
        String out = new MarkdownTable(List.of("x")).row(List.of("a|b")).render();

        assertThat(out).contains("| a\\|b |");
    }

    @Test
    void aRowMustFillEveryColumn() {
        MarkdownTable t = new MarkdownTable(List.of("a", "b"));

        assertThatThrownBy(() -> t.row(List.of("1"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 cells").hasMessageContaining("2 columns");
    }

    @Test
    void numbersGetDigitsByTheirSize() {
        assertThat(MarkdownTable.number(2345.6)).isEqualTo("2346");
        assertThat(MarkdownTable.number(100)).isEqualTo("100");
        assertThat(MarkdownTable.number(12.345)).isEqualTo("12.3");
        assertThat(MarkdownTable.number(1.234)).isEqualTo("1.23");
        assertThat(MarkdownTable.number(0.3456)).isEqualTo("0.35");
        assertThat(MarkdownTable.number(0.002345)).isEqualTo("0.0023");
        assertThat(MarkdownTable.number(0)).isEqualTo("0.00");
        assertThat(MarkdownTable.number(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void bytesShowAsWholeMebibytes() {
        assertThat(MarkdownTable.mib(64 * 1048576.0 + 1000)).isEqualTo("64");
        assertThat(MarkdownTable.mib(-1)).isEqualTo("n/a");
    }
}
