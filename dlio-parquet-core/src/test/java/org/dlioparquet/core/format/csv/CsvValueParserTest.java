package org.dlioparquet.core.format.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.dlioparquet.core.ElementType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvValueParserTest {
    @ParameterizedTest
    @CsvSource({"True,1", "true,1", "TRUE,1", "1,1", "False,0", "false,0", "FALSE,0", "0,0"})
    void boolSpellingsPandasReads(String text, int expected) throws Exception {
        assertThat(parse(ElementType.BOOL, text)[0]).isEqualTo((byte) expected);
    }

    @Test
    void boolRefusesOtherCasings() {
        assertThatThrownBy(() -> parse(ElementType.BOOL, "tRUE")).hasMessage("'tRUE' is not a bool (True, False, 1 or 0)");
    }

    @Test
    void integersAtTheEdgesOfEachType() throws Exception {
        assertThat(le(parse(ElementType.UINT64, "18446744073709551615")).getLong()).isEqualTo(-1L);
        assertThat(le(parse(ElementType.INT64, "-9223372036854775808")).getLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(le(parse(ElementType.INT64, "+9223372036854775807")).getLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(le(parse(ElementType.UINT32, "4294967295")).getInt()).isEqualTo(-1);
        assertThat(le(parse(ElementType.INT16, "-32768")).getShort()).isEqualTo(Short.MIN_VALUE);
        assertThat(parse(ElementType.INT8, "-128")[0]).isEqualTo(Byte.MIN_VALUE);
        assertThat(parse(ElementType.UINT8, "-0")[0]).isEqualTo((byte) 0);
        assertThatThrownBy(() -> parse(ElementType.UINT32, "4294967296")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> parse(ElementType.INT8, "128")).hasMessageContaining("out of range for int8 (-128..127)");
        assertThatThrownBy(() -> parse(ElementType.UINT64, "99999999999999999999999")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> parse(ElementType.INT32, "-")).hasMessage("'-' is not a number");
    }

    @Test
    void floatSyntaxPythonWrites() throws Exception {
        assertThat(le(parse(ElementType.FLOAT64, "1e-05")).getDouble()).isEqualTo(1e-5);
        assertThat(le(parse(ElementType.FLOAT64, ".5")).getDouble()).isEqualTo(0.5);
        assertThat(le(parse(ElementType.FLOAT64, "5.")).getDouble()).isEqualTo(5.0);
        assertThat(le(parse(ElementType.FLOAT64, "1E+3")).getDouble()).isEqualTo(1000.0);
        assertThat(le(parse(ElementType.FLOAT64, "0.1234567890123456789012")).getDouble()).isEqualTo(0.1234567890123456789012);
        assertThat(le(parse(ElementType.FLOAT64, "-0.0")).getLong()).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(le(parse(ElementType.FLOAT64, "nan")).getDouble()).isNaN();
        assertThat(le(parse(ElementType.FLOAT64, "")).getDouble()).isNaN(); // pandas writes NaN as an empty field
        assertThat(le(parse(ElementType.FLOAT32, "-inf")).getFloat()).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(le(parse(ElementType.FLOAT32, "Infinity")).getFloat()).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(le(parse(ElementType.FLOAT16, "inf")).getShort()).isEqualTo((short) 0x7C00);
        assertThatThrownBy(() -> parse(ElementType.FLOAT64, "1e")).hasMessage("'1e' is not a number");
        assertThatThrownBy(() -> parse(ElementType.FLOAT64, "1.2.3")).hasMessage("'1.2.3' is not a number");
        assertThatThrownBy(() -> parse(ElementType.FLOAT64, "infinit")).hasMessage("'infinit' is not a number");
    }

    @Test
    void floatsRoundOnceFromTheDecimalText() throws Exception {
        // 1 + 2^-24 is midway between 1.0f and the next float: exact text ties to even, anything above goes up
        assertThat(le(parse(ElementType.FLOAT32, "1.000000059604644775390625")).getFloat()).isEqualTo(1.0f);
        assertThat(le(parse(ElementType.FLOAT32, "1.00000005960464477539062500001")).getFloat())
                .isEqualTo(Math.nextUp(1.0f));
        // the same for float16 around 1 + 2^-11; parsing to double first would round twice and give 0x3C00
        assertThat(le(parse(ElementType.FLOAT16, "1.00048828125")).getShort()).isEqualTo((short) 0x3C00);
        assertThat(le(parse(ElementType.FLOAT16, "1.00048828125000000001")).getShort()).isEqualTo((short) 0x3C01);
        assertThat(le(parse(ElementType.FLOAT16, "1.00048828124999999999")).getShort()).isEqualTo((short) 0x3C00);
        assertThat(le(parse(ElementType.FLOAT32, "3.4028235677973366e38")).getFloat()).isEqualTo(Float.MAX_VALUE);
    }

    private static byte[] parse(ElementType type, String text) throws ValueFormatException {
        byte[] in = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[8];
        int n = CsvValueParser.forType(type).parse(in, 0, in.length, out, 0);
        assertThat(n).isEqualTo(type.size());
        return out;
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
