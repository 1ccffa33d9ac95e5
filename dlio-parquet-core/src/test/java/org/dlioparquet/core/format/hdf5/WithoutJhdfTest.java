package org.dlioparquet.core.format.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.dlioparquet.core.spi.FormatRegistry;
import org.junit.jupiter.api.Test;

/**
 * jHDF is an optional dependency: with it missing from the class path, the ServiceLoader still
 * finds every provider (hdf5 included), and only using hdf5 fails, with one line saying what to add.
 */
class WithoutJhdfTest {

    @Test
    void everyFormatLoadsAndHdf5SaysWhatIsMissing() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("jhdf")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.loadClass("org.dlioparquet.core.spi.FormatRegistry")).isNotSameAs(
                    FormatRegistry.class);
            assertThat(canLoad(loader, "io.jhdf.HdfFile")).isFalse();

            Class<?> registryClass = loader.loadClass("org.dlioparquet.core.spi.FormatRegistry");
            Object registry = registryClass.getMethod("load", ClassLoader.class).invoke(null, loader);
            Collection<?> providers = (Collection<?>) registryClass.getMethod("providers").invoke(registry);
            List<String> names = new ArrayList<>();
            Object hdf5 = null;
            for (Object p : providers) {
                Object format = p.getClass().getMethod("format").invoke(p);
                names.add(format.toString());
                if (format.toString().equals("hdf5")) {
                    hdf5 = p;
                }
            }
            assertThat(names).contains("hdf5", "tfrecord", "parquet", "npz", "jpeg", "indexed_binary");

            Class<?> settings = loader.loadClass("org.dlioparquet.core.spi.ReaderSettings");
            Object defaults = settings.getMethod("defaults").invoke(null);
            Method newReader = hdf5.getClass().getMethod("newReader", settings);
            try {
                newReader.invoke(hdf5, defaults);
                throw new AssertionError("hdf5 opened a reader without jHDF");
            } catch (InvocationTargetException e) {
                assertThat(e.getCause().getClass().getName()).isEqualTo("org.dlioparquet.core.DlioException");
                assertThat(e.getCause().getMessage()).isEqualTo(Jhdf.MISSING).doesNotContain("\n");
            }
            assertThat((String) hdf5.getClass().getMethod("description").invoke(hdf5))
                    .contains("NOT on the class path");
        }
    }

    private static boolean canLoad(ClassLoader loader, String name) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
