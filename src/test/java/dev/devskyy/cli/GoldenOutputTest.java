package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What a person reads, compared with golden files under {@code src/test/resources/golden/} (see
 * {@link Golden} for how to accept a deliberate change). The commands run in-process on fixed
 * fixtures. Only what varies from run to run is normalised, and nothing else: the temporary
 * directory of the fixtures becomes {@code <dir>}, and the duration of a scan becomes {@code <t>}.
 */
class GoldenOutputTest {
    @TempDir
    Path dir;

    CatalogueRunner.Run run(String... args) {
        return CatalogueRunner.run(Map.of("XDG_STATE_HOME", dir.toString()), new byte[0], args);
    }

    /** Stdout of a run that ended with {@code exit}, with the fixture directory as {@code <dir>}. */
    String text(CatalogueRunner.Run run, int exit) {
        assertThat(run.code()).as(run.err()).isEqualTo(exit);
        return run.text().replace(dir.toString(), "<dir>");
    }

    /** The root and every command under it, from picocli's model: a new command needs its golden file. */
    @Test
    void everyHelpPage() {
        CommandLine root = GeneratedDocsTest.model();
        List<CommandLine> commands = new ArrayList<>();
        collect(root, commands);
        Map<String, String> pages = new TreeMap<>();
        for (CommandLine command : commands) {
            List<String> path =
                    Arrays.asList(command.getCommandSpec().qualifiedName().split(" "));
            List<String> args = new ArrayList<>(path.subList(1, path.size()));
            args.add("--help");
            CatalogueRunner.Run help = run(args.toArray(String[]::new));
            assertThat(help.err()).as(String.join(" ", args)).isEmpty();
            pages.put(String.join("-", path), text(help, ExitCodes.SUCCESS));
        }
        assertThat(pages).containsKeys("devskyy", "devskyy-verify-csp", "devskyy-tools-call");
        Golden.assertDirectoryMatches("help", pages);
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        // aliases are further keys of the same command
        new LinkedHashSet<>(command.getSubcommands().values()).forEach(sub -> collect(sub, into));
    }

    @Test
    void toolsList() {
        Golden.assertMatches("tools-list", text(run("tools", "list"), ExitCodes.SUCCESS));
    }

    @Test
    void agentsListAndShow() {
        Golden.assertMatches("agents-list", text(run("agents", "list"), ExitCodes.SUCCESS));
        Golden.assertMatches("agents-show-support", text(run("agents", "show", "support"), ExitCodes.SUCCESS));
        Golden.assertMatches(
                "agents-show-support-json", text(run("agents", "show", "support", "--json"), ExitCodes.SUCCESS));
        CatalogueRunner.Run unknown = run("agents", "show", "nobody");
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err())
                .contains(
                        "Unknown agent 'nobody' (known: commerce, creative, marketing, support, operations, analytics)");
    }

    /** A secret, two risky-code findings, a vulnerable dependency, two suppressed lines and two skipped files. */
    @Test
    void scanText() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree/src app")).getParent();
        Files.writeString(tree.resolve("deploy.sh"), "export GITHUB_TOKEN=" + ScanCliTest.githubToken() + "\n");
        Files.writeString(tree.resolve("src app/calc.py"), "result = eval(expression)\n");
        Files.writeString(tree.resolve("settings.py"), "DEBUG = True\n");
        Files.writeString(tree.resolve("config.py"), "password = \"Tr0ub4dor&3xq\"  # devskyy:allow\n");
        Files.writeString(tree.resolve("requirements.txt"), "requests==2.19.0\n");
        Files.writeString(tree.resolve("big.txt"), "a".repeat(3000));
        Files.write(tree.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});
        Path osv = Files.createDirectories(dir.resolve("osv"));
        Files.writeString(osv.resolve("PYSEC-2018-28.json"), """
                {"id":"PYSEC-2018-28","summary":"requests sends credentials over HTTP after a redirect",
                 "aliases":["CVE-2018-18074"],
                 "affected":[{"package":{"ecosystem":"PyPI","name":"requests"},
                   "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.20.0"}]}]}]}
                """);
        CatalogueRunner.Run scan = run("scan", tree.toString(), "--osv-db", osv.toString(), "--max-file-size", "2K");
        Golden.assertMatches("scan", text(scan, ExitCodes.NEGATIVE).replaceAll(" in \\d+\\.\\d\\d s;", " in <t> s;"));
    }

    /** Two policies, with findings of every severity. */
    @Test
    void verifyCspText() {
        CatalogueRunner.Run csp = run(
                "verify",
                "csp",
                "script-src 'self' 'unsafe-inline' https:; img-src *, default-src 'self'; frame-ancestors 'none'");
        Golden.assertMatches("verify-csp", text(csp, ExitCodes.NEGATIVE));
    }

    static final String SPEC = """
            {"spec_version":"1.0.0","variant":"RUNWAY","collection_id":"c1","scene":{"assets":["t.gltf","two.gltf"]},
             "camera":{"fov":50,"position":[0,0,5],"target":[0,0,0]},"interactions":[],"ui_overlay":{},
             "performance_budget":{"max_triangles":%d,"max_texture_memory_mb":1,"max_draw_calls":5,
               "max_bundle_size_kb":%d},"analytics_events":[]}
            """;

    /** {@link BudgetCliTest#TRIANGLE} drawn by two nodes: two triangles, two draw calls. */
    static final String TWO_TRIANGLES = BudgetCliTest.TRIANGLE.replace(
            "\"nodes\":[0]}],\"nodes\":[{\"mesh\":0}]", "\"nodes\":[0,1]}],\"nodes\":[{\"mesh\":0},{\"mesh\":0}]");

    String budget(int maxTriangles, int maxBundleKb, int exit) throws Exception {
        Path assets = Files.createDirectories(dir.resolve("assets"));
        Files.writeString(assets.resolve("t.gltf"), BudgetCliTest.TRIANGLE);
        Files.writeString(assets.resolve("two.gltf"), TWO_TRIANGLES);
        Path bundle = Files.createDirectories(dir.resolve("dist"));
        Files.writeString(bundle.resolve("app.js"), "console.log('x');\n".repeat(2000));
        Path spec = Files.writeString(dir.resolve("spec.json"), String.format(SPEC, maxTriangles, maxBundleKb));
        return text(
                run("verify", "budget", spec.toString(), "--assets", assets.toString(), "--bundle", bundle.toString()),
                exit);
    }

    @Test
    void verifyBudgetText_withinAndOver() throws Exception {
        assertThat(TWO_TRIANGLES).isNotEqualTo(BudgetCliTest.TRIANGLE);
        Golden.assertMatches("verify-budget-within", budget(3, 100, ExitCodes.SUCCESS));
        Golden.assertMatches("verify-budget-over", budget(2, 10, ExitCodes.NEGATIVE));
    }
}
