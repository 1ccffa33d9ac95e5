package org.dlioparquet.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseRecordsTest {

    private static PhaseRecord record(int rank, double load, long storage) {
        StepTimes t = new StepTimes();
        t.start(1_000);
        for (int s = 0; s < 5; s++) {
            t.add(load * (s + 1), 0.01, storage + s, 2 * storage + s);
        }
        t.end(1_000 + 2_500_000_000L + rank);
        BlockMetrics m = BlockMetrics.training(t, 1, 1, 4);
        return new PhaseRecord(rank, 2, Instant.ofEpochSecond(1_700_000_000L, 123_456_789 + rank),
                Instant.ofEpochSecond(1_700_000_003L, 7), t, m, 5 * storage + 10, 10 * storage + 10, 20, rank, 3L * rank);
    }

    @Test
    void decodedRecordsSummariseExactlyAsTheOriginals() {
        List<PhaseRecord> original = List.of(record(0, 0.002, 4096), record(3, 0.005, 8192));
        List<PhaseRecord> decoded = PhaseRecords.decode(PhaseRecords.encode(original));

        assertThat(PhaseSummary.of(decoded, 4096, 4200)).isEqualTo(PhaseSummary.of(original, 4096, 4200));
        for (int i = 0; i < original.size(); i++) {
            PhaseRecord a = original.get(i);
            PhaseRecord b = decoded.get(i);
            assertThat(b).usingRecursiveComparison().ignoringFields("steps").isEqualTo(a);
            assertThat(b.steps().steps()).isEqualTo(5);
            assertThat(b.steps().duration()).isEqualTo(a.steps().duration());
            for (int s = 0; s < 5; s++) {
                assertThat(b.steps().load(s)).isEqualTo(a.steps().load(s));
                assertThat(b.steps().payloadBytes(s)).isEqualTo(a.steps().payloadBytes(s));
            }
            assertThat(BlockMetrics.training(b.steps(), 1, 1, 4)).isEqualTo(a.metrics());
        }
    }

    @Test
    void bytesOfAnotherVersionAreRefusedNamingWhy() {
        byte[] encoded = PhaseRecords.encode(List.of());
        encoded[3] = 9;
        assertThatThrownBy(() -> PhaseRecords.decode(encoded)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("phase records of version 9, expected 1: every process of a job must run the same "
                        + "dlio-parquet");
    }
}
