package org.dlioparquet.core.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.checkpoint.CheckpointListener;
import org.dlioparquet.core.checkpoint.CheckpointOnlyRun;
import org.dlioparquet.core.checkpoint.CheckpointPlan;
import org.dlioparquet.core.checkpoint.CheckpointSchedule;
import org.dlioparquet.core.checkpoint.Checkpointer;
import org.dlioparquet.core.checkpoint.ProcessGroup;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.storage.DurableStorage;

/**
 * A checkpoint-only run of one rank saving (and loading, verifying) one file of {@code model_size_bytes}:
 * {@code CheckpointChildMain <folder> <bytes> <save-load|hang-in-fsync>}. With {@code hang-in-fsync} the
 * save writes the whole file, prints {@code forcing} and then waits in its fsync, for a test to kill it.
 * Prints the peak heap it used.
 */
public final class CheckpointChildMain {
    private CheckpointChildMain() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        boolean hang = args[2].equals("hang-in-fsync");
        WorkloadConfig c = new WorkloadLoader().baseDirectory(folder).fromOverrides(List.of("framework=pytorch",
                "workflow.train=False", "workflow.checkpoint=True", "model.model_size_bytes=" + args[1],
                "checkpoint.checkpoint_folder=" + folder.resolve("ckpt"), "checkpoint.num_checkpoints_write=1",
                "checkpoint.num_checkpoints_read=" + (hang ? 0 : 1), "checkpoint.verify=True",
                "checkpoint.fsync=" + (hang ? "True" : "False")));
        DurableStorage storage = hang ? new HangingForce() : DurableStorage.LOCAL;
        try (Checkpointer ck = new Checkpointer(c, CheckpointPlan.of(c, 1), List.of(0), ProcessGroup.SOLO, storage,
                CheckpointListener.NONE)) {
            new CheckpointOnlyRun(ck, CheckpointSchedule.of(c)).run();
            ck.summary().checkpoints().forEach(j -> System.out.println(j.op().word() + " " + j.bytes() + " bytes"));
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("peak heap bytes " + peak);
    }

    /** The local file system whose fsync never returns, like a device that stopped answering. */
    private static final class HangingForce implements DurableStorage {
        @Override
        public FileChannel create(Path file, boolean direct) throws IOException {
            return LOCAL.create(file, direct);
        }

        @Override
        public void force(FileChannel channel, Path file) {
            System.out.println("forcing " + file);
            System.out.flush();
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void forceDirectory(Path directory) throws IOException {
            LOCAL.forceDirectory(directory);
        }

        @Override
        public void publish(Path partial, Path target) throws IOException {
            LOCAL.publish(partial, target);
        }

        @Override
        public FileChannel openRead(Path file, boolean direct) throws IOException {
            return LOCAL.openRead(file, direct);
        }

        @Override
        public long usableSpace(Path directory) throws IOException {
            return LOCAL.usableSpace(directory);
        }

        @Override
        public int directAlignment(Path directory) throws IOException {
            return LOCAL.directAlignment(directory);
        }
    }
}
