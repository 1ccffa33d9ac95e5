package org.dlioparquet.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules ARCHITECTURE.md states, checked on the compiled classes with the JDK's {@code jdeps}: no
 * dependency cycle between classes of different packages, data flowing one way (the runner does not
 * reach into generation), and a {@code package-info.java} saying what every package holds.
 */
class ArchitectureTest {
    private static final String ROOT = "org.dlioparquet.core";
    private static final Map<String, Set<String>> CLASS_DEPS = new TreeMap<>();

    @BeforeAll
    static void readDependencies() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:class",
                "-filter:none", "-e", "org\\.dlioparquet\\..*", "target/classes");
        assertThat(status).isZero();
        for (String line : out.toString().split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 3 && parts[1].equals("->") && parts[0].startsWith(ROOT) && parts[2].startsWith(ROOT)) {
                String from = outer(parts[0]);
                String to = outer(parts[2]);
                if (!from.equals(to)) {
                    CLASS_DEPS.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                }
            }
        }
        assertThat(CLASS_DEPS).containsKey(ROOT + ".Dlio");
    }

    @Test
    void noDependencyCycleSpansTwoPackages() {
        List<String> crossPackageCycles = new ArrayList<>();
        for (Set<String> component : stronglyConnected(CLASS_DEPS)) {
            Set<String> packages = new TreeSet<>();
            component.forEach(c -> packages.add(packageOf(c)));
            if (packages.size() > 1) {
                crossPackageCycles.add(packages + ": " + component);
            }
        }
        assertThat(crossPackageCycles).isEmpty();
    }

    @Test
    void theRunnerAndTheDatasetNeverReachIntoGenerationOrBackIntoTheFacade() {
        List<String> wrong = new ArrayList<>();
        CLASS_DEPS.forEach((from, tos) -> {
            String pkg = packageOf(from);
            for (String to : tos) {
                boolean intoGeneration = (pkg.equals(ROOT + ".run") || pkg.equals(ROOT + ".dataset"))
                        && packageOf(to).equals(ROOT + ".datagen");
                boolean intoFacade = !pkg.equals(ROOT) && (to.equals(ROOT + ".Dlio") || to.equals(ROOT + ".Workflow"));
                if (intoGeneration || intoFacade) {
                    wrong.add(from + " -> " + to);
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyPackageSaysWhatItHoldsAndWhetherItIsApi() throws IOException {
        Path sources = Path.of("src/main/java");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            Set<Path> packages = new TreeSet<>();
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> packages.add(p.getParent()));
            for (Path dir : packages) {
                Path info = dir.resolve("package-info.java");
                if (!Files.exists(info)) {
                    missing.add(sources.relativize(dir) + ": no package-info.java");
                } else if (!Files.readString(info).matches("(?s).*\\b(API|Internal)\\b.*")) {
                    missing.add(sources.relativize(info) + ": does not say whether it is API or internal");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static String outer(String className) {
        int dollar = className.indexOf('$');
        return dollar < 0 ? className : className.substring(0, dollar);
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    /** Tarjan's algorithm, iterative so deep graphs cannot overflow the stack. */
    private static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (String start : graph.keySet()) {
            if (index.containsKey(start)) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[] {start, new ArrayList<>(graph.getOrDefault(start, Set.of())).iterator()});
            index.put(start, counter[0]);
            low.put(start, counter[0]++);
            stack.push(start);
            onStack.add(start);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String v = (String) frame[0];
                @SuppressWarnings("unchecked")
                Iterator<String> next = (Iterator<String>) frame[1];
                if (next.hasNext()) {
                    String w = next.next();
                    if (!index.containsKey(w)) {
                        index.put(w, counter[0]);
                        low.put(w, counter[0]++);
                        stack.push(w);
                        onStack.add(w);
                        work.push(new Object[] {w, new ArrayList<>(graph.getOrDefault(w, Set.of())).iterator()});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                } else {
                    work.pop();
                    if (!work.isEmpty()) {
                        String parent = (String) work.peek()[0];
                        low.put(parent, Math.min(low.get(parent), low.get(v)));
                    }
                    if (low.get(v).equals(index.get(v))) {
                        Set<String> component = new TreeSet<>();
                        String w;
                        do {
                            w = stack.pop();
                            onStack.remove(w);
                            component.add(w);
                        } while (!w.equals(v));
                        components.add(component);
                    }
                }
            }
        }
        return components;
    }
}
