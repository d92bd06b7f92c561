package dev.ledger.system;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of the design that the compiler does not enforce, checked on every module's compiled main
 * classes (read from each module's target/classes: the services' jars are Spring Boot repackaged).
 */
class ArchitectureTest {

    private static final List<String> MODULES =
            List.of("shared-events", "shared-web", "local-infra", "command-service", "query-service");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() throws IOException {
        Path root = Path.of(System.getProperty("ledger.rootDirectory", ".."));
        List<Path> directories = MODULES.stream().map(module -> root.resolve(module).resolve("target/classes")).toList();
        for (Path directory : directories) {
            try (Stream<Path> files = Files.exists(directory) ? Files.walk(directory) : Stream.empty()) {
                assertThat(files.anyMatch(file -> file.toString().endsWith(".class")))
                        .as("compiled classes in %s (build the modules first, e.g. mvn verify from the root)", directory)
                        .isTrue();
            }
        }
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPaths(directories);
    }

    @Test
    void theEventsDependOnNoFramework() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.ledger.events..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.axonframework..", "org.apache.kafka..",
                        "dev.ledger.command..", "dev.ledger.query..", "dev.ledger.web..")
                .because("the event records and their codec are the contract both services and old data share");
        rule.check(classes);
    }

    @Test
    void theServicesDoNotUseEachOthersCode() {
        noClasses().that().resideInAPackage("dev.ledger.command..")
                .should().dependOnClassesThat().resideInAPackage("dev.ledger.query..")
                .because("the services share only shared-events and shared-web, and talk over Kafka and HTTP")
                .check(classes);
        noClasses().that().resideInAPackage("dev.ledger.query..")
                .should().dependOnClassesThat().resideInAPackage("dev.ledger.command..")
                .because("the services share only shared-events and shared-web, and talk over Kafka and HTTP")
                .check(classes);
    }

    @Test
    void theSharedWebLayerKnowsNoService() {
        noClasses().that().resideInAPackage("dev.ledger.web..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ledger.command..", "dev.ledger.query..")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.ledger.(*).(*)..").should().beFreeOfCycles().check(classes);
    }
}
