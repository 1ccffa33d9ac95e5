package org.dlioparquet.core.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.dlioparquet.core.metrics.HostInfo;

/**
 * Which host each process of the job runs on: the summary's host list, and a process's rank among
 * those of its own host (for what one process per host should do, such as warning about the page
 * cache). Found by an allgather of host names, which needs nothing more of MPI.
 *
 * @param hostOfRank the host name of each rank, in rank order
 * @param rank       this process's rank
 */
public record JobHosts(List<String> hostOfRank, int rank) {

    public JobHosts {
        hostOfRank = List.copyOf(hostOfRank);
        if (rank < 0 || rank >= hostOfRank.size()) {
            throw new IllegalArgumentException("rank " + rank + " of " + hostOfRank.size());
        }
    }

    /** Every process sends its host name to every other; call it from every process. */
    public static JobHosts exchange(Collective collective) {
        List<byte[]> names = collective.allgather(localHostname().getBytes(StandardCharsets.UTF_8));
        List<String> hosts = new ArrayList<>(names.size());
        for (byte[] name : names) {
            hosts.add(new String(name, StandardCharsets.UTF_8));
        }
        return new JobHosts(hosts, collective.rank());
    }

    /** This process's host. */
    public String host() {
        return hostOfRank.get(rank);
    }

    /** The distinct hosts, in the order of their first rank. */
    public List<String> hosts() {
        return List.copyOf(new LinkedHashSet<>(hostOfRank));
    }

    /** This process's index among the processes on its host, in rank order. */
    public int localRank() {
        int local = 0;
        for (int r = 0; r < rank; r++) {
            if (hostOfRank.get(r).equals(host())) {
                local++;
            }
        }
        return local;
    }

    /** How many processes run on this host. */
    public int localSize() {
        return (int) hostOfRank.stream().filter(host()::equals).count();
    }

    /**
     * The kernel's name for this host (that of the process's UTS namespace, as {@code hostname}
     * prints it), or what {@link HostInfo} reads where there is no {@code /proc}.
     */
    static String localHostname() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return HostInfo.current().hostname();
    }
}
