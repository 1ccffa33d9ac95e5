package org.dlioparquet.core.format.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class InflaterPoolTest {

    @Test
    void keepsUpToItsLimitAndEndsTheRest() {
        InflaterPool pool = new InflaterPool(1);
        Inflater a = pool.take();
        Inflater b = pool.take();
        assertThat(a).isNotSameAs(b);
        a.setInput(new byte[] {1, 2, 3});

        pool.give(a);
        pool.give(b);

        assertThat(pool.kept()).isEqualTo(1);
        assertThatThrownBy(b::getBytesRead).as("ended, not left to the cleaner").isInstanceOf(NullPointerException.class);
        Inflater again = pool.take();
        assertThat(again).isSameAs(a);
        assertThat(again.getRemaining()).as("reset on return").isZero();
        assertThat(pool.kept()).isZero();
    }
}
