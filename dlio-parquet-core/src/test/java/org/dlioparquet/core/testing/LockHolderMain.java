package org.dlioparquet.core.testing;

import java.nio.file.Path;
import org.dlioparquet.core.datagen.GenerationLock;

/**
 * Takes a data folder's generation lock and holds it until killed:
 * {@code LockHolderMain <folder> [<rank> <ranks>]} (rank 0 of 1 by default).
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        int rank = args.length > 2 ? Integer.parseInt(args[1]) : 0;
        int ranks = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        try (GenerationLock lock = GenerationLock.acquire(Path.of(args[0]), rank, ranks)) {
            System.out.println("locked by pid " + ProcessHandle.current().pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
