package org.dlioparquet.core.storage.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny TCP proxy in front of the test S3 server that injects what S3Proxy does not: throttling
 * (503 SlowDown) for the next connections, and connections cut off after so many bytes in one
 * direction (a GET's body mid-object, an upload mid-part). Loopback only; everything it starts is
 * a daemon thread that ends when its sockets close.
 */
final class FaultProxy implements AutoCloseable {
    private static final String SLOW_DOWN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code>"
            + "<Message>Please reduce your request rate.</Message></Error>";

    private final ServerSocket server;
    private final int upstreamPort;
    private final AtomicInteger throttleNext = new AtomicInteger();
    private final AtomicInteger cutNext = new AtomicInteger();
    private volatile long cutAfter;
    private volatile boolean cutRequests;
    final AtomicInteger throttled = new AtomicInteger();
    final AtomicInteger cut = new AtomicInteger();

    FaultProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "fault-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next {@code n} connections answer their first request with 503 SlowDown and close. */
    void throttle(int n) {
        throttleNext.set(n);
    }

    /**
     * The next {@code n} connections are cut after {@code bytes} bytes of responses (or, with
     * {@code requests}, of requests).
     */
    void cut(int n, long bytes, boolean requests) {
        cutAfter = bytes;
        cutRequests = requests;
        cutNext.set(n);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> handle(client), "fault-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(x -> x > 0 ? x - 1 : 0) > 0;
    }

    private void handle(Socket client) {
        try {
            if (takeOne(throttleNext)) {
                readHead(client.getInputStream());
                byte[] body = SLOW_DOWN.getBytes(StandardCharsets.UTF_8);
                String head = "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n";
                OutputStream out = client.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                throttled.incrementAndGet();
                client.close();
                return;
            }
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
            boolean cutThis = takeOne(cutNext);
            long budget = cutThis ? cutAfter : Long.MAX_VALUE;
            pipe(client, upstream, cutThis && cutRequests ? budget : Long.MAX_VALUE);
            pipe(upstream, client, cutThis && !cutRequests ? budget : Long.MAX_VALUE);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static void readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) >= 0 && head.size() < 65536) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    /** Copies {@code from} to {@code to} until either closes; closes both after {@code budget} bytes. */
    private void pipe(Socket from, Socket to, long budget) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            long total = 0;
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf, 0, (int) Math.min(buf.length, Math.max(1, budget - total)))) > 0) {
                    out.write(buf, 0, n);
                    out.flush();
                    total += n;
                    if (total >= budget) {
                        cut.incrementAndGet();
                        break;
                    }
                }
            } catch (IOException e) {
                // the other side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "fault-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
