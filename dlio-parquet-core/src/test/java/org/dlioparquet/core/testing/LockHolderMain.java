package org.dlioparquet.core.testing;

import java.nio.file.Path;
import org.dlioparquet.core.datagen.GenerationLock;

/** Takes a data folder's generation lock and holds it until killed: {@code LockHolderMain <folder>}. */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        try (GenerationLock lock = GenerationLock.acquire(Path.of(args[0]), 0, 1)) {
            System.out.println("locked by pid " + ProcessHandle.current().pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
