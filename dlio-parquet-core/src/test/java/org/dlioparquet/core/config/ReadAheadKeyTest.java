package org.dlioparquet.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code reader.odirect_read_ahead}: off unless asked for, and a boolean like DLIO's other switches. */
class ReadAheadKeyTest {
    @Test
    void offByDefaultAndOnWhenAsked() {
        assertThat(new WorkloadLoader().fromOverrides(List.of("reader.odirect=True")).reader().odirectReadAhead())
                .isFalse();
        assertThat(new WorkloadLoader().fromOverrides(List.of("reader.odirect=True", "reader.odirect_read_ahead=True"))
                .reader().odirectReadAhead()).isTrue();
    }

    @Test
    void aValueThatIsNotABooleanNamesTheKey() {
        assertThatThrownBy(() -> new WorkloadLoader().fromOverrides(List.of("reader.odirect_read_ahead=twice")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("reader.odirect_read_ahead");
    }
}
