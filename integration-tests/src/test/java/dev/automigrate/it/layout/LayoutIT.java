package dev.automigrate.it.layout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What each module may import, checked on the compiled classes of all of them (the equivalent of a module-info's
 * exports, which would bind nothing while the plugin and the service run on the class path).
 */
class LayoutIT {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // the core's test fixtures
                .importPackages("dev.automigrate");
    }

    @Test
    void onlyTheLiquibaseAdapterImportsLiquibase() {
        noClasses().that().resideOutsideOfPackage("dev.automigrate.core.liquibase..")
                .should().dependOnClassesThat().resideInAPackage("liquibase..")
                .check(classes);
    }

    @Test
    void frontEndsUseTheCoresApiNotItsLiquibaseAdapter() {
        noClasses().that().resideInAnyPackage("dev.automigrate.maven..", "dev.automigrate.helidon..",
                        "dev.automigrate.service..", "dev.automigrate.embedded..")
                .should().dependOnClassesThat().resideInAPackage("dev.automigrate.core.liquibase..")
                .check(classes);
    }

    @Test
    void theCoreKnowsNoFrontEnd() {
        noClasses().that().resideInAPackage("dev.automigrate.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.maven..", "io.helidon..", "picocli..",
                        "dev.automigrate.maven..", "dev.automigrate.helidon..", "dev.automigrate.service..")
                .check(classes);
    }

    @Test
    void theEmbeddableFeatureNeedsNoStandaloneService() {
        noClasses().that().resideInAPackage("dev.automigrate.helidon..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.automigrate.service..", "picocli..",
                        "io.zonky..")
                .check(classes);
    }

    @Test
    void onlyTheServiceAndTheEmbeddedModuleStartPostgres() {
        // the plugin loads migration-embedded-postgres at run time, in a class loader of its own
        noClasses().that().resideInAnyPackage("dev.automigrate.core..", "dev.automigrate.maven..")
                .should().dependOnClassesThat().resideInAnyPackage("io.zonky..", "dev.automigrate.embedded..")
                .check(classes);
    }
}
