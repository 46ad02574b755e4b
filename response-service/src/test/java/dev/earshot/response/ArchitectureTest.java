package dev.earshot.response;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import jakarta.ws.rs.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * The package rules of the code map in the README: one package per feature, no cycles between them, task code
 * that knows nothing of the features built on it, a common package that knows no feature, thin resources.
 * The rules are methods, not {@code ArchRule} fields: Surefire's {@code -Dtest} filter drops field-based tests.
 */
@AnalyzeClasses(packages = "dev.earshot.response", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String[] FEATURES = {"..response.task..", "..response.queue..", "..response.workflow..",
            "..response.reply..", "..response.customer..", "..response.insight..", "..response.webhook..",
            "..response.alert..", "..response.people..", "..response.correction.."};

    @ArchTest
    static void featuresHaveNoCycles(JavaClasses classes) {
        slices().matching("dev.earshot.response.(*)..")
                .should().beFreeOfCycles()
                .check(classes);
    }

    @ArchTest
    static void taskKnowsNothingOfWebhooksOrAlerts(JavaClasses classes) {
        noClasses().that().resideInAPackage("..response.task..")
                .should().dependOnClassesThat().resideInAnyPackage("..response.webhook..", "..response.alert..")
                .because("webhooks observe task changes (TaskChangeObserver); task code does not call them")
                .check(classes);
    }

    @ArchTest
    static void commonDependsOnNoFeature(JavaClasses classes) {
        noClasses().that().resideInAnyPackage("..response.common..",
                "..response.storage..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(classes);
    }

    @ArchTest
    static void resourcesAreNotUsedByOtherClasses(JavaClasses classes) {
        noClasses().that().areNotAnnotatedWith(Path.class)
                .should().dependOnClassesThat().areAnnotatedWith(Path.class)
                .because("a resource is the edge of the application: services do not call it")
                .check(classes);
    }
}
