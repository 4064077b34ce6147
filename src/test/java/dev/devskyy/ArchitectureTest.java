package dev.devskyy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of docs/architecture.md: face → runtime → capability, one way only. */
class ArchitectureTest {
    static final String[] FACES = {"dev.devskyy.cli..", "dev.devskyy.mcp..", "dev.devskyy.shell.."};
    static final String[] CAPABILITIES = {
        "dev.devskyy.crypto..",
        "dev.devskyy.scan..",
        "dev.devskyy.verify..",
        "dev.devskyy.csp..",
        "dev.devskyy.budget..",
        "dev.devskyy.wordpress..",
        "dev.devskyy.agents.."
    };

    /** Classes that are not a *Tools class nor nested in one (whose parts it may name). */
    static final DescribedPredicate<JavaClass> OUTSIDE_A_TOOLS_CLASS =
            DescribedPredicate.describe("are outside a *Tools class", c -> {
                JavaClass top = c;
                while (top.getEnclosingClass().isPresent()) {
                    top = top.getEnclosingClass().get();
                }
                return !top.getSimpleName().endsWith("Tools");
            });

    static JavaClasses classes;

    @BeforeAll
    static void importProduction() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.devskyy");
    }

    @Test
    void theRuntimeKnowsNoFaceNorCapability_andNeitherMcpNorPicocli() {
        noClasses()
                .that()
                .resideInAPackage("dev.devskyy.runtime..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FACES)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(CAPABILITIES)
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("picocli..")
                .check(classes);
    }

    @Test
    void guardedIoIsABaseEveryLayerMayUse_andItImportsNoLayer() {
        noClasses()
                .that()
                .resideInAPackage("dev.devskyy.io..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.devskyy.runtime..", "dev.devskyy.cli..", "dev.devskyy.mcp..")
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(CAPABILITIES)
                .check(classes);
    }

    @Test
    void guardedHttpIsABaseEveryLayerMayUse_andItImportsNoOtherDevskyyPackage() {
        noClasses()
                .that()
                .resideInAPackage("dev.devskyy.net..")
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.devskyy..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("dev.devskyy.net.."))))
                .check(classes);
    }

    /** One client reaches the network, with the caller's grants as its gate: nothing else opens a connection. */
    @Test
    void onlyGuardedHttpOpensConnections() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.devskyy.net..")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(java.net.Socket.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(java.net.DatagramSocket.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(java.net.URLConnection.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(java.net.http.HttpClient.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(java.nio.channels.NetworkChannel.class)
                .orShould()
                .callMethod(java.net.URL.class, "openStream")
                .orShould()
                .callMethod(java.net.URL.class, "openConnection")
                .check(classes);
    }

    /** JLine costs every start-up that loads it: only the shell's own package may use it. */
    @Test
    void onlyTheShellUsesJLine() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.devskyy.cli.shell..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.jline..")
                .check(classes);
    }

    @Test
    void theTerminalIsForEveryFace_andImportsNoFaceNorCapability() {
        noClasses()
                .that()
                .resideInAPackage("dev.devskyy.terminal..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FACES)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(CAPABILITIES)
                .check(classes);
    }

    @Test
    void facesNeverImportEachOther() {
        for (String face : FACES) {
            String[] others =
                    java.util.Arrays.stream(FACES).filter(f -> !f.equals(face)).toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage(face)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void facesReachCapabilitiesOnlyThroughTheRuntime() {
        noClasses()
                .that()
                .resideInAnyPackage(FACES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(CAPABILITIES)
                .check(classes);
    }

    /**
     * Except for the one JSON configuration every parser shares (its read limits): a leaf that
     * knows no permission, tool or caller.
     */
    @Test
    void aCapabilityImportsTheRuntimeOnlyInItsToolsClass() {
        noClasses()
                .that()
                .resideInAnyPackage(CAPABILITIES)
                .and(OUTSIDE_A_TOOLS_CLASS)
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.devskyy.runtime..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(Json.class))))
                .check(classes);
    }

    /**
     * Each capability stands alone: what one needs of another (the masker, the scanner's secret
     * shapes) is handed to it where the catalogue assembles them all.
     */
    @Test
    void capabilitiesNeverImportEachOther() {
        for (String capability : CAPABILITIES) {
            String[] others = java.util.Arrays.stream(CAPABILITIES)
                    .filter(c -> !c.equals(capability))
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage(capability)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void capabilitiesKnowNoFace() {
        noClasses()
                .that()
                .resideInAnyPackage(CAPABILITIES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FACES)
                .check(classes);
    }

    /** The JSON-RPC and MCP protocol vocabulary, as string literals in code. */
    static final Pattern PROTOCOL_WORD =
            Pattern.compile("\"(jsonrpc|method|params|protocolVersion|progressToken|initialize|server/discover"
                    + "|(notifications|tools|resources|prompts|logging|completion)/[a-zA-Z/]*)\"");

    static final Pattern JSON_RPC_ERROR_CODE = Pattern.compile("-32[0-9]{3}");

    /**
     * The runtime writes MCP's data shapes (a {@code Tool}, a {@code CallToolResult}), which every
     * face shows alike, but never its protocol: JSON-RPC, methods, versions and error codes belong
     * to {@code mcp/}. Read from the sources, since string constants leave no trace ArchUnit sees.
     */
    @Test
    void theRuntimeSpeaksMcpDataShapesButNotTheProtocol() throws IOException {
        List<String> offences;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/devskyy/runtime"))) {
            offences = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(ArchitectureTest::protocolMentions)
                    .toList();
        }
        assertThat(offences).isEmpty();
    }

    private static Stream<String> protocolMentions(Path source) {
        try {
            return Files.readAllLines(source).stream()
                    .filter(line ->
                            !line.strip().startsWith("*") && !line.strip().startsWith("/"))
                    .filter(line -> {
                        Matcher word = PROTOCOL_WORD.matcher(line);
                        return word.find() || JSON_RPC_ERROR_CODE.matcher(line).find();
                    })
                    .map(line -> source.getFileName() + ": " + line.strip());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
