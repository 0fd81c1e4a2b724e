package io.pplj.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Extracts named code examples from a Markdown page ({@code <!-- example: name -->} followed by a fenced block) and
 * from a Java test source (the lines between {@code // example: name} and {@code // end example}), with common
 * indentation removed, so a test can assert that the documentation shows exactly the code that runs.
 */
final class DocSnippets {

    private static final Pattern MARKDOWN = Pattern.compile(
            "<!-- example: ([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern JAVA = Pattern.compile(
            "// example: ([\\w-]+)\\n(.*?)\\n\\s*// end example", Pattern.DOTALL);

    private DocSnippets() {
    }

    /** The named examples of a Markdown page. */
    static Map<String, String> fromMarkdown(Path page) {
        return extract(MARKDOWN, read(page));
    }

    /** The named examples of a Java source. */
    static Map<String, String> fromJava(Path source) {
        return extract(JAVA, read(source));
    }

    /**
     * Asserts that the Markdown page at {@code page} shows exactly the named examples of the Java test at
     * {@code source} (both paths from the repository root): the same names, and each the same code.
     */
    static void assertPageShowsSource(String page, String source) {
        Map<String, String> shown = fromMarkdown(repoFile(page));
        Map<String, String> code = fromJava(repoFile(source));
        org.junit.jupiter.api.Assertions.assertEquals(code.keySet(), shown.keySet(), "examples in " + page
                + " vs " + source);
        code.forEach((name, snippet) -> org.junit.jupiter.api.Assertions.assertEquals(snippet, shown.get(name),
                "example '" + name + "' in " + page));
    }

    /** Finds a file by its path from the repository root, from any module directory. */
    static Path repoFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    private static Map<String, String> extract(Pattern p, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.put(m.group(1), dedent(m.group(2)));
        }
        return out;
    }

    private static String dedent(String block) {
        List<String> lines = block.lines().collect(Collectors.toList());
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).map(String::stripTrailing)
                .collect(Collectors.joining("\n")).strip();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
