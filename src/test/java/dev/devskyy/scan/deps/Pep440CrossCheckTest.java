package dev.devskyy.scan.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * devskyy's PEP 440 order against pip's own (the {@code packaging} library of the machine's
 * python3): the same versions valid and invalid, and every pair ordered alike.
 */
class Pep440CrossCheckTest {
    static final String[] PRE = {"a", "b", "rc", "c", "alpha", "beta", "pre", "preview", "A", "RC"};
    static final String[] SEP = {"", ".", "-", "_"};

    @TempDir
    Path dir;

    static Set<String> versions() {
        Random random = new Random(440);
        Set<String> out = new LinkedHashSet<>(List.of(
                "1.0",
                "1.0.0",
                "1",
                "v1.0",
                "1!0.1",
                "1.0.dev0",
                "1.0a1",
                "1.0a1.dev1",
                "1.0.post1",
                "1.0-1",
                "1.0.post1.dev2",
                "1.0+local.7",
                "1.0+abc",
                "1.0+5",
                "1.0rc1",
                "1.0c1",
                "01.02",
                "1.0.0.0.0",
                "2.0b",
                "1.0rev3",
                "1.0r",
                "1.0-dev",
                "not a version",
                "1.0.",
                "1..0",
                "1.0+",
                "1.0a1+x.y"));
        while (out.size() < 260) {
            StringBuilder v = new StringBuilder();
            if (random.nextInt(10) == 0) {
                v.append(random.nextInt(3)).append('!');
            }
            v.append(random.nextInt(3));
            for (int n = random.nextInt(3); n > 0; n--) {
                v.append('.').append(random.nextInt(12));
            }
            if (random.nextInt(3) == 0) {
                v.append(SEP[random.nextInt(SEP.length)]).append(PRE[random.nextInt(PRE.length)]);
                if (random.nextBoolean()) {
                    v.append(random.nextInt(4));
                }
            }
            if (random.nextInt(4) == 0) {
                v.append(random.nextBoolean() ? ".post" : "-").append(random.nextInt(3));
            }
            if (random.nextInt(4) == 0) {
                v.append(SEP[random.nextInt(SEP.length)]).append("dev").append(random.nextInt(3));
            }
            if (random.nextInt(6) == 0) {
                v.append('+').append(random.nextBoolean() ? "ubuntu" : String.valueOf(random.nextInt(9)));
                if (random.nextBoolean()) {
                    v.append('.').append(random.nextInt(3));
                }
            }
            out.add(v.toString());
        }
        return out;
    }

    /** pip's verdict: each version's rank in packaging's order (equal versions share one), or absent if invalid. */
    Map<String, Integer> packagingRanks(Set<String> versions) throws Exception {
        Path input = Files.write(dir.resolve("versions.txt"), versions);
        String script = String.join(
                "\n",
                "import sys",
                "from packaging.version import Version, InvalidVersion",
                "ok = []",
                "for line in open(sys.argv[1], encoding='utf-8').read().splitlines():",
                "    try:",
                "        ok.append((Version(line), line))",
                "    except InvalidVersion:",
                "        pass",
                "ok.sort(key=lambda p: p[0])",
                "rank, last = -1, None",
                "for v, line in ok:",
                "    if v != last:",
                "        rank, last = rank + 1, v",
                "    print(f'{rank}\\t{line}')");
        Process python = new ProcessBuilder("python3", "-c", script, input.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue())
                .as(out + "\n(needs python3 with the packaging library)")
                .isZero();
        Map<String, Integer> ranks = new HashMap<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                int tab = line.indexOf('\t');
                ranks.put(line.substring(tab + 1), Integer.parseInt(line.substring(0, tab)));
            }
        }
        return ranks;
    }

    @Test
    void theSameVersionsAreValid_andEveryPairOrdersAsPipOrdersIt() throws Exception {
        Set<String> versions = versions();
        Map<String, Integer> ranks = packagingRanks(versions);
        Pep440Order order = new Pep440Order();
        List<String> disagreements = new ArrayList<>();
        List<String> valid = new ArrayList<>();
        for (String v : versions) {
            boolean ours;
            try {
                order.compare(v, v);
                ours = true;
            } catch (IllegalArgumentException e) {
                ours = false;
            }
            if (ours != ranks.containsKey(v)) {
                disagreements.add(v + ": devskyy " + (ours ? "valid" : "invalid") + ", pip "
                        + (ranks.containsKey(v) ? "valid" : "invalid"));
            } else if (ours) {
                valid.add(v);
            }
        }
        for (String a : valid) {
            for (String b : valid) {
                int ours = Integer.signum(order.compare(a, b));
                int pip = Integer.signum(Integer.compare(ranks.get(a), ranks.get(b)));
                if (ours != pip) {
                    disagreements.add(a + " vs " + b + ": devskyy " + ours + ", pip " + pip);
                }
            }
        }
        assertThat(valid).hasSizeGreaterThan(200);
        assertThat(disagreements).isEmpty();
    }
}
