package org.dlioparquet.core.format.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Float text matches Python's repr (the expected strings were printed by CPython 3.11 and numpy 2.4). */
class PythonFloatTextTest {
    private final PythonFloatText text = new PythonFloatText();

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "0.0; 0.0", "-0.0; -0.0", "1e-5; 1e-05", "1.5e-5; 1.5e-05", "1e-4; 0.0001", "0.00012345; 0.00012345",
        "0.5; 0.5", "123.0; 123.0", "1e15; 1000000000000000.0", "1e16; 1e+16", "1.2345e22; 1.2345e+22",
        "4.9e-324; 5e-324", "NaN; nan", "Infinity; inf", "-Infinity; -inf", "0.1; 0.1",
        "0.3333333333333333; 0.3333333333333333", "1.7976931348623157e308; 1.7976931348623157e+308",
        "123456789012345.6; 123456789012345.6"})
    void doublesAsPythonRepr(double value, String python) {
        assertThat(format(value)).isEqualTo(python);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "0.46188998; 0.46188998", "0.07061511; 0.07061511", "1e-5; 1e-05", "0.00048828125; 0.00048828125",
        "5.9604645e-8; 5.9604645e-08", "0.33333334; 0.33333334", "3.4028235e38; 3.4028235e+38", "1e-45; 1e-45"})
    void floatsAsNumpyFloat32Repr(float value, String numpy) {
        byte[] b = new byte[PythonFloatText.MAX_CHARS];
        int n = text.append(value, b, 0);
        assertThat(new String(b, 0, n, StandardCharsets.US_ASCII)).isEqualTo(numpy);
    }

    private String format(double v) {
        byte[] b = new byte[PythonFloatText.MAX_CHARS];
        int n = text.append(v, b, 0);
        return new String(b, 0, n, StandardCharsets.US_ASCII);
    }
}
