package org.dlioparquet.cli;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Command lines printed for a user to paste back into a POSIX shell. */
final class ShellWords {
    /** Characters no POSIX shell treats specially anywhere in a word. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {
    }

    /** {@code word} as the shell must see it to pass it unchanged: as is when plain, else single-quoted. */
    static String quote(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** The words, each quoted as needed, separated by spaces. */
    static String join(List<String> words) {
        return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }
}
