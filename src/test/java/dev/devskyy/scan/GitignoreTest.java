package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.scan.Gitignore.Verdict;
import org.junit.jupiter.api.Test;

/** The cases of gitignore(5). */
class GitignoreTest {
    static Verdict file(String rules, String path) {
        return Gitignore.parse(rules).match(path, false);
    }

    static Verdict dir(String rules, String path) {
        return Gitignore.parse(rules).match(path, true);
    }

    @Test
    void aNameWithoutSlashMatchesAtAnyDepth() {
        assertThat(file("*.log\n", "a/b/c.log")).isEqualTo(Verdict.IGNORED);
        assertThat(file("*.log\n", "c.log")).isEqualTo(Verdict.IGNORED);
        assertThat(file("*.log\n", "c.txt")).isEqualTo(Verdict.UNMENTIONED);
    }

    @Test
    void aLeadingOrInnerSlashAnchorsToTheFilesDirectory() {
        assertThat(file("/build\n", "build")).isEqualTo(Verdict.IGNORED);
        assertThat(file("/build\n", "src/build")).isEqualTo(Verdict.UNMENTIONED);
        assertThat(file("doc/*.txt\n", "doc/a.txt")).isEqualTo(Verdict.IGNORED);
        assertThat(file("doc/*.txt\n", "doc/x/a.txt")).isEqualTo(Verdict.UNMENTIONED);
    }

    @Test
    void aTrailingSlashMatchesOnlyDirectories() {
        assertThat(dir("node_modules/\n", "web/node_modules")).isEqualTo(Verdict.IGNORED);
        assertThat(file("node_modules/\n", "web/node_modules")).isEqualTo(Verdict.UNMENTIONED);
    }

    @Test
    void doubleStarsSpanDirectories() {
        assertThat(file("**/secret.txt\n", "a/b/secret.txt")).isEqualTo(Verdict.IGNORED);
        assertThat(file("**/secret.txt\n", "secret.txt")).isEqualTo(Verdict.IGNORED);
        assertThat(file("a/**/b\n", "a/x/y/b")).isEqualTo(Verdict.IGNORED);
        assertThat(file("a/**/b\n", "a/b")).isEqualTo(Verdict.IGNORED);
        assertThat(file("logs/**\n", "logs/x/y.log")).isEqualTo(Verdict.IGNORED);
    }

    @Test
    void theLastMatchingPatternWins_andNegationReincludes() {
        String rules = "*.env\n!example.env\n";
        assertThat(file(rules, "prod.env")).isEqualTo(Verdict.IGNORED);
        assertThat(file(rules, "example.env")).isEqualTo(Verdict.INCLUDED);
    }

    @Test
    void commentsBlanksEscapesClassesAndQuestionMarks() {
        String rules = "# comment\n\n\\#hash\n\\!bang\nfile[0-9].txt\n?.md\n";
        assertThat(file(rules, "#hash")).isEqualTo(Verdict.IGNORED);
        assertThat(file(rules, "!bang")).isEqualTo(Verdict.IGNORED);
        assertThat(file(rules, "file7.txt")).isEqualTo(Verdict.IGNORED);
        assertThat(file(rules, "filex.txt")).isEqualTo(Verdict.UNMENTIONED);
        assertThat(file(rules, "a.md")).isEqualTo(Verdict.IGNORED);
        assertThat(file(rules, "ab.md")).isEqualTo(Verdict.UNMENTIONED);
    }
}
