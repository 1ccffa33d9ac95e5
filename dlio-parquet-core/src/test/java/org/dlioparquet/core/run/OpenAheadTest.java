package org.dlioparquet.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.config.Shuffle;
import org.junit.jupiter.api.Test;

class OpenAheadTest {
    private final List<String> opened = new ArrayList<>();
    private final Path root = Path.of("data");
    /** Objects the opener takes before it has no room. */
    private int room = Integer.MAX_VALUE;

    private OpenAhead openAhead(int readThreads) {
        return new OpenAhead(root, file -> root.resolve("f" + file), true, readThreads, (object, whole) -> {
            if (room == 0) {
                return false;
            }
            room--;
            return opened.add(object.getFileName().toString());
        });
    }

    /**
     * Two reader threads, batches of 8 rows, 16 rows per file: the two batches queued at a time are
     * one file, which the threads read at once; the next file is opened with them, not when its
     * batches are queued (as the threads start on them).
     */
    @Test
    void opensTheFilesOfOneRoundOfBatchesBeyondTheQueue() {
        EpochSampleOrder order = new EpochSampleOrder(4, 16, 0, 1, 8, Shuffle.OFF, Shuffle.OFF, 0);
        OpenAhead ahead = openAhead(2);
        ahead.queued(order, 0, 8);
        assertThat(opened).as("batch 0 and the next two: files 0 and 1").containsExactly("f0", "f1");
        ahead.queued(order, 8, 8);
        assertThat(opened).as("batch 1 reaches batch 3, file 1: opened already").containsExactly("f0", "f1");
        ahead.queued(order, 16, 8);
        assertThat(opened).containsExactly("f0", "f1", "f2");
        ahead.queued(order, 24, 8);
        ahead.queued(order, 32, 8);
        assertThat(opened).containsExactly("f0", "f1", "f2", "f3");
        ahead.queued(order, 40, 8);
        ahead.queued(order, 48, 8);
        ahead.queued(order, 56, 8);
        assertThat(opened).as("nothing past the epoch's last batch").containsExactly("f0", "f1", "f2", "f3");
    }

    @Test
    void followsTheShuffledOrderAndStartsOverEachPhase() {
        EpochSampleOrder order = new EpochSampleOrder(6, 1, 0, 1, 2, Shuffle.SEED, Shuffle.OFF, 7);
        OpenAhead ahead = openAhead(1);
        ahead.queued(order, 0, 2);
        assertThat(opened).containsExactly("f" + order.fileOf(0), "f" + order.fileOf(1), "f" + order.fileOf(2),
                "f" + order.fileOf(3));
        ahead.phaseEnded();
        opened.clear();
        ahead.queued(order, 0, 2);
        assertThat(opened).as("a new epoch opens its files again").hasSize(4);
    }

    /** One sample per file, batches of 2, one thread: what finds no room is opened with a later batch, in order. */
    @Test
    void whatFindsNoRoomWaitsForTheNextBatchQueued() {
        EpochSampleOrder order = new EpochSampleOrder(12, 1, 0, 1, 2, Shuffle.OFF, Shuffle.OFF, 0);
        OpenAhead ahead = openAhead(1);
        room = 3;
        ahead.queued(order, 0, 2);
        assertThat(opened).as("f3 found no room").containsExactly("f0", "f1", "f2");
        room = 1;
        ahead.queued(order, 2, 2);
        assertThat(opened).containsExactly("f0", "f1", "f2", "f3");
        room = 0;
        ahead.queued(order, 4, 2);
        assertThat(opened).hasSize(4);
        room = 10;
        ahead.queued(order, 6, 2);
        assertThat(opened).as("f4 and f5 are their readers' now; the next batches' objects are opened")
                .containsExactly("f0", "f1", "f2", "f3", "f6", "f7", "f8", "f9");
    }
}
