package org.dlioparquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildProtocolTest {

    @Test
    void aSpecSurvivesTheTripToTheChild() {
        CaseSpec spec = CaseSpec.generate("generate parquet none, 1 writer", null,
                List.of("dataset.format=parquet", "dataset.data_folder='/tmp/a b'"), 1);

        assertThat(ChildProtocol.parseSpec(ChildProtocol.specJson(spec))).isEqualTo(spec);
        CaseSpec dlrm = CaseSpec.epoch("dlrm", "dlrm_small", List.of()).withoutWarmUp();
        assertThat(ChildProtocol.parseSpec(ChildProtocol.specJson(dlrm))).isEqualTo(dlrm);
    }

    @Test
    void aMeasurementSurvivesTheTripBack() {
        RepMeasure m = new RepMeasure(Map.of(RepMeasure.MIBPS, 1234.5, RepMeasure.BYTES, 1073741824.0),
                new double[] {1.5, 2.5});

        ChildProtocol.Event e = ChildProtocol.parse(ChildProtocol.measureLine(ChildProtocol.Type.REP, m)).orElseThrow();

        assertThat(e.type()).isEqualTo(ChildProtocol.Type.REP);
        assertThat(e.measure().values()).isEqualTo(m.values());
        assertThat(e.measure().samples()).containsExactly(1.5, 2.5);
    }

    @Test
    void theEndAndAnErrorCarryTheMemory() {
        ChildMemory memory = new ChildMemory(300L << 20, 100L << 20, 500L << 20, 512L << 20);

        ChildProtocol.Event end = ChildProtocol.parse(ChildProtocol.endLine(memory)).orElseThrow();
        ChildProtocol.Event error = ChildProtocol.parse(ChildProtocol.errorLine("OutOfMemoryError: Java heap space",
                memory)).orElseThrow();

        assertThat(end.memory()).isEqualTo(memory);
        assertThat(error.type()).isEqualTo(ChildProtocol.Type.ERROR);
        assertThat(error.message()).isEqualTo("OutOfMemoryError: Java heap space");
        assertThat(error.memory()).isEqualTo(memory);
    }

    @Test
    void otherOutputOfTheChildIsIgnored() {
        assertThat(ChildProtocol.parse("SLF4J: No SLF4J providers were found.")).isEmpty();
    }
}
