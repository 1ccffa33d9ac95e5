package org.dlioparquet.cli;

import java.io.PrintWriter;
import java.net.URL;
import java.security.CodeSource;
import java.util.concurrent.Callable;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code dlio-parquet formats}: the format providers on the class path. */
@Command(name = "formats", mixinStandardHelpOptions = true,
        description = "List the dataset formats available: built-in and third-party providers on the class path.")
final class FormatsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (FormatProvider p : FormatRegistry.loadDefault().providers()) {
            boolean builtIn = p.getClass().getName().startsWith("org.dlioparquet.core.format.");
            out.printf("%-10s %s [%s] (%s%s)%n", p.format(), p.description(), String.join(", ", p.readableExtensions()),
                    builtIn ? "built-in, " : "", origin(p));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String origin(FormatProvider p) {
        CodeSource source = p.getClass().getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return p.getClass().getName() + (url == null ? "" : " from " + url.getPath());
    }
}
