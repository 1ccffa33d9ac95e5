package org.dlioparquet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ThreadsTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anInterruptedJoinWaitsForTheWorkersToStopBeforeItThrows() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean workerDone = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // told to stop: like a writer finishing its rename, it takes a moment
            }
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            workerDone.set(true);
        });
        worker.start();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean doneWhenThrown = new AtomicBoolean();
        AtomicBoolean flagWhenThrown = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                Threads.joinAll(List.of(worker), "generation");
            } catch (IOException e) {
                doneWhenThrown.set(workerDone.get());
                flagWhenThrown.set(Thread.currentThread().isInterrupted());
                thrown.set(e);
            }
        });
        caller.start();
        started.await();
        while (caller.getState() != Thread.State.WAITING) {
            Thread.sleep(5);
        }

        caller.interrupt();
        Thread.sleep(50);
        caller.interrupt(); // a second interrupt does not cut the wait short either
        caller.join();

        assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class).hasMessage("generation interrupted");
        assertThat(doneWhenThrown).as("the worker had stopped when joinAll threw").isTrue();
        assertThat(flagWhenThrown).as("the caller's interrupt flag is restored").isTrue();
        assertThat(worker.isAlive()).isFalse();
    }

    @Test
    void joinsWorkersThatFinishNormally() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        Thread worker = new Thread(() -> ran.set(true));
        worker.start();

        Threads.joinAll(List.of(worker), "run");

        assertThat(ran).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
