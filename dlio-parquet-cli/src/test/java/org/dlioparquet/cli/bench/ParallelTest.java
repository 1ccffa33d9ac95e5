package org.dlioparquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void runsEveryWorkerOnItsOwnThread() throws IOException {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        Set<String> names = ConcurrentHashMap.newKeySet();

        long nanos = Parallel.time(3, t -> {
            ran.add(t);
            names.add(Thread.currentThread().getName());
        });

        assertThat(ran).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(names).hasSize(3);
        assertThat(nanos).isPositive();
    }

    @Test
    void anUncheckedFailureOfOneWorkerFailsTheRepetition() {
        assertThatThrownBy(() -> Parallel.time(2, t -> {
            if (t == 1) {
                throw new IllegalStateException("worker 1 broke");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("worker 1 broke");
    }

    @Test
    void anIoFailureIsPassedOnAsItIs() {
        assertThatThrownBy(() -> Parallel.time(2, t -> {
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
    }
}
