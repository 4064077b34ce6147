package dev.devskyy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.devskyy.runtime.BoundedRead;
import dev.devskyy.runtime.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules of ARCHITECTURE.md: face → runtime → capability, one way only. */
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
     * Except for the two leaves every parser shares: the one JSON configuration (its read limits)
     * and the one bounded whole-file reader. Neither knows permissions, tools or callers.
     */
    @Test
    void aCapabilityImportsTheRuntimeOnlyInItsToolsClass() {
        noClasses()
                .that()
                .resideInAnyPackage(CAPABILITIES)
                .and()
                .haveSimpleNameNotEndingWith("Tools")
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.devskyy.runtime..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(Json.class, BoundedRead.class))))
                .check(classes);
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
}
