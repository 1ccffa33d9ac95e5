package org.dlioparquet.core.dist;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Two "hosts" on this machine: network namespaces joined by a bridge, each process started in one
 * with a host name of its own (a UTS namespace), through an {@code ssh}-like agent script that
 * Open MPI's {@code mpirun} uses in place of {@code ssh}. Needs root, {@code ip} and {@code unshare}.
 * Names carry this JVM's pid so that concurrent builds do not meet.
 */
final class NetnsHosts implements AutoCloseable {
    private final String bridge;
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> addresses = new ArrayList<>();
    private final String subnet;
    private final Path agent;
    private final Path hostfile;

    private NetnsHosts(Path dir) throws Exception {
        long pid = ProcessHandle.current().pid();
        int net = (int) (pid % 250) + 1;
        subnet = "10.231." + net + ".0/24";
        bridge = "dlb" + pid;
        run("ip", "link", "add", bridge, "type", "bridge");
        run("ip", "addr", "add", "10.231." + net + ".1/24", "dev", bridge);
        run("ip", "link", "set", bridge, "up");
        StringBuilder cases = new StringBuilder();
        StringBuilder hosts = new StringBuilder();
        for (String side : List.of("a", "b")) {
            String ns = "dlio-" + pid + "-" + side;
            String address = "10.231." + net + "." + (namespaces.size() + 2);
            String hostVeth = "dlv" + pid + side;
            String nsVeth = "dlp" + pid + side;
            run("ip", "netns", "add", ns);
            namespaces.add(ns);
            addresses.add(address);
            run("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", nsVeth);
            run("ip", "link", "set", nsVeth, "netns", ns);
            run("ip", "link", "set", hostVeth, "master", bridge);
            run("ip", "link", "set", hostVeth, "up");
            run("ip", "netns", "exec", ns, "ip", "addr", "add", address + "/24", "dev", nsVeth);
            run("ip", "netns", "exec", ns, "ip", "link", "set", nsVeth, "up");
            run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
            cases.append("  ").append(address).append(") ns=").append(ns).append(" ;;\n");
            hosts.append(address).append(" slots=1\n");
        }
        agent = dir.resolve("netns-agent");
        // what Open MPI hands ssh: the host, then the words of a shell command
        Files.writeString(agent, "#!/bin/sh\nhost=$1; shift\ncase $host in\n" + cases
                + "  *) echo \"unknown host $host\" >&2; exit 1 ;;\nesac\n"
                + "exec ip netns exec \"$ns\" unshare --uts sh -c \"hostname $ns; $*\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
        hostfile = dir.resolve("hostfile");
        Files.writeString(hostfile, hosts.toString(), StandardCharsets.UTF_8);
    }

    /** Sets the two hosts up, or fails the test saying what could not be done. */
    static NetnsHosts create(Path dir) {
        try {
            return new NetnsHosts(dir);
        } catch (Exception e) {
            fail("could not make two network namespaces as hosts (needs root, iproute2 and util-linux): "
                    + e.getMessage());
            return null;
        }
    }

    /** The host names the processes see, in hostfile order. */
    List<String> names() {
        return List.copyOf(namespaces);
    }

    /** Open MPI's options: the hostfile, the agent instead of ssh, and TCP over the bridge only. */
    List<String> openMpiOptions() {
        return List.of("--hostfile", hostfile.toString(), "--mca", "plm_rsh_agent", agent.toString(),
                "--mca", "oob_tcp_if_include", subnet, "--mca", "btl_tcp_if_include", subnet, "--mca", "btl", "tcp,self");
    }

    @Override
    public void close() throws Exception {
        for (String ns : namespaces) {
            runQuietly("ip", "netns", "delete", ns);
        }
        for (String side : List.of("a", "b")) {
            runQuietly("ip", "link", "delete", "dlv" + ProcessHandle.current().pid() + side);
        }
        runQuietly("ip", "link", "delete", bridge);
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out.toLowerCase(Locale.ROOT));
        }
    }

    private static void runQuietly(String... cmd) {
        try {
            run(cmd);
        } catch (IOException | InterruptedException e) {
            // already gone with its namespace
        }
    }
}
