package org.dlioparquet.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The vendored uPlot is the npm release it claims to be (hashes as in uPlot.README.md), licence included. */
class ReportAssetsTest {
    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theInlinedFilesAreUplot1632AsPublished() throws Exception {
        assertThat(sha256(ReportAssets.UPLOT_JS)).isEqualTo("19c8d4c6ad88929a79f4ae49d6f7161566dfd0ba3d15cc495e974f787eb78f1f");
        assertThat(sha256(ReportAssets.UPLOT_CSS)).isEqualTo("df630c6a8d6f8eeaff264b50f73ce5b114f646ffd9a0bb74f049b0a00135fa04");
        assertThat(ReportAssets.UPLOT_JS).startsWith("/*! https://github.com/leeoniya/uPlot (v" + ReportAssets.UPLOT_VERSION + ")");
        assertThat(ReportAssets.UPLOT_LICENSE).startsWith("The MIT License (MIT)").contains("Leon Sorokin");
        // nothing inlined may end its script element early
        assertThat(ReportAssets.UPLOT_JS + ReportAssets.REPORT_JS).doesNotContainIgnoringCase("</script");
    }
}
