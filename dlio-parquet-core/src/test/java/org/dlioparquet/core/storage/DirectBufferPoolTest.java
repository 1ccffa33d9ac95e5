package org.dlioparquet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the pool hands out and what it keeps. */
class DirectBufferPoolTest {

    @Test
    void aBufferGivenBackIsTheOneTakenNextClearedAndLittleEndian() {
        DirectBufferPool pool = new DirectBufferPool(2);
        ByteBuffer b = pool.take(1000);
        assertThat(b.isDirect()).isTrue();
        assertThat(b.capacity()).isEqualTo(64 << 10);
        b.position(10).limit(20);
        pool.give(b);
        ByteBuffer again = pool.take(500);
        assertThat(again).isSameAs(b);
        assertThat(again.position()).isZero();
        assertThat(again.limit()).isEqualTo(again.capacity());
        assertThat(again.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void aSmallRequestTakesTheSmallestSpareThatFits() {
        DirectBufferPool pool = new DirectBufferPool(4);
        ByteBuffer large = pool.take(1 << 20);
        ByteBuffer small = pool.take(100);
        pool.give(small);
        pool.give(large);
        assertThat(pool.take(100)).isSameAs(small);
        assertThat(pool.take(1 << 20)).isSameAs(large);
    }

    @Test
    void aFullPoolDropsItsSmallestBuffer() {
        DirectBufferPool pool = new DirectBufferPool(2);
        ByteBuffer a = pool.take(1 << 20);
        ByteBuffer b = pool.take(100);
        ByteBuffer c = pool.take(256 << 10);
        pool.give(a);
        pool.give(b);
        pool.give(c);
        assertThat(pool.capacities()).containsExactlyInAnyOrder(1 << 20, 256 << 10);
    }

    @Test
    void aGrowingPoolKeepsAsManyBuffersAsWereOutAtOnce() {
        DirectBufferPool pool = DirectBufferPool.growingWithUse(2);
        List<ByteBuffer> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(pool.take(1000));
        }
        out.forEach(pool::give);
        assertThat(pool.capacities()).hasSize(5);
        // a later, smaller peak does not shrink what is kept, and nothing new is allocated for it
        List<ByteBuffer> again = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            again.add(pool.take(1000));
        }
        assertThat(out).containsAll(again);
        again.forEach(pool::give);
        assertThat(pool.capacities()).hasSize(5);

        DirectBufferPool fixed = new DirectBufferPool(2);
        List<ByteBuffer> many = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            many.add(fixed.take(1000));
        }
        many.forEach(fixed::give);
        assertThat(fixed.capacities()).hasSize(2);
    }
}
