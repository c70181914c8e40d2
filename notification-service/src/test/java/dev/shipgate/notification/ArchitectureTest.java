package dev.shipgate.notification;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.shipgate.testing.Layering;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The domain is plain Java; the application layer knows no adapter; the feature packages depend on each other one
 * way only (a cycle would make one feature impossible to read or change without the other).
 */
@AnalyzeClasses(packages = "dev.shipgate.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests layering = ArchTests.in(Layering.class);

    @ArchTest
    static final ArchRule no_cycles_between_features = slices().matching("dev.shipgate.notification.(*)..")
            .should().beFreeOfCycles();
}
