package org.dlioparquet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksummingChannelTest {
    @TempDir
    Path dir;

    private static int crcOf(byte[] b) {
        CRC32C c = new CRC32C();
        c.update(b);
        return (int) c.getValue();
    }

    @Test
    void frontToBackWritesGiveTheFilesCrc() throws IOException {
        Path f = dir.resolve("a");
        try (ChecksummingChannel ch = new ChecksummingChannel(FileChannel.open(f, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE))) {
            ch.write(ByteBuffer.wrap("hello ".getBytes()));
            ByteBuffer direct = ByteBuffer.allocateDirect(5).put("world".getBytes()).flip();
            ch.write(direct);
            assertThat(ch.crc32c()).hasValue(crcOf(Files.readAllBytes(f)));
        }
    }

    @Test
    void seekingBackToPatchMakesItUnknown() throws IOException {
        Path f = dir.resolve("b");
        try (ChecksummingChannel ch = new ChecksummingChannel(FileChannel.open(f, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE))) {
            ch.write(ByteBuffer.wrap("header body".getBytes()));
            ch.position(0);
            ch.write(ByteBuffer.wrap("HEADER".getBytes()));
            assertThat(ch.crc32c()).isEmpty();
        }
    }
}
