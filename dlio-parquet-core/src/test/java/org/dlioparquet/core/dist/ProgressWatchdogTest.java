package org.dlioparquet.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A stalled process says what it last did and what each of its threads waits on. */
class ProgressWatchdogTest {

    @Test
    void afterTheStallTimeItNamesTheLastProgressAndEveryWaitingThread() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Duration stall = Duration.ofMillis(100);
        try (ProgressWatchdog w = ProgressWatchdog.start("rank 2 of 4 (host n07)", stall, lines::add)) {
            w.progress("train step", 36);
            Thread other = new Thread(() -> {
                try (ProgressWatchdog.Wait wait = w.waiting(() -> "the step barrier (trip 37)")) {
                    Thread.sleep(TimeUnit.SECONDS.toMillis(30));
                } catch (InterruptedException e) {
                    // the test is over
                }
            }, "dlio-accelerator-1");
            other.start();
            try {
                waitFor(lines, 1);
            } finally {
                other.interrupt();
                other.join();
            }
        }
        assertThat(lines.get(0)).matches("rank 2 of 4 \\(host n07\\): no progress for \\d+\\.\\d s "
                + "\\(last: train step 36\\); dlio-accelerator-1 waits \\d+\\.\\d s on the step barrier \\(trip 37\\)");
    }

    @Test
    void watchingBarriersOnlyItIsQuietWithoutAWaitAndSpeaksOnceAWaitLastsTheStallTime() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (ProgressWatchdog w = ProgressWatchdog.startAtBarriers("rank 1 of 2", Duration.ofMillis(100), lines::add)) {
            Thread.sleep(500); // long past the stall time without progress, but nobody waits: a long evaluation
            assertThat(lines).isEmpty();
            try (ProgressWatchdog.Wait wait = w.waiting(() -> "the epoch barrier (trip 3)")) {
                waitFor(lines, 1);
            }
        }
        assertThat(lines.get(0)).startsWith("rank 1 of 2: no progress for ")
                .contains("waits").endsWith(" on the epoch barrier (trip 3)");
    }

    @Test
    void withoutWaitingThreadsItSaysTheProcessItselfIsStuck() {
        try (ProgressWatchdog w = ProgressWatchdog.start("rank 0 of 2", Duration.ofHours(1), line -> { })) {
            assertThat(w.report(System.nanoTime())).startsWith("rank 0 of 2: no progress for ")
                    .endsWith("(last: start); no thread waits at a barrier: this process itself is busy or blocked");
        }
    }

    @Test
    void aFinishedWaitIsNoLongerReported() {
        try (ProgressWatchdog w = ProgressWatchdog.start("rank 0 of 2", Duration.ofHours(1), line -> { })) {
            ProgressWatchdog.Wait wait = w.waiting(() -> "the epoch barrier");
            assertThat(w.report(System.nanoTime())).contains("waits").contains("the epoch barrier");
            wait.close();
            assertThat(w.report(System.nanoTime())).doesNotContain("the epoch barrier");
        }
    }

    @Test
    void progressKeepsItQuiet() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (ProgressWatchdog w = ProgressWatchdog.start("rank 0 of 2", Duration.ofSeconds(1), lines::add)) {
            for (int step = 0; step < 75; step++) {
                w.progress("train step", step);
                Thread.sleep(20);
            }
        }
        assertThat(lines).isEmpty();
    }

    @Test
    void aNonPositiveStallTimeIsRefused() {
        assertThatThrownBy(() -> ProgressWatchdog.start("rank 0", Duration.ZERO, line -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("stall time must be positive, not PT0S");
    }

    private static void waitFor(List<String> lines, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (lines.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(lines).hasSizeGreaterThanOrEqualTo(n);
    }
}
