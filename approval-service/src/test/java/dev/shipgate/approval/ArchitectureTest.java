package dev.shipgate.approval;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.shipgate.testing.FeatureBoundaries;
import dev.shipgate.testing.Layering;
import dev.shipgate.testing.TypedSettings;

/**
 * The domain is plain Java; the application layer knows no adapter; features depend on each other in one direction
 * only and keep their adapters to themselves.
 */
@AnalyzeClasses(packages = "dev.shipgate.approval", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests layering = ArchTests.in(Layering.class);

    @ArchTest
    static final ArchTests featureBoundaries = ArchTests.in(FeatureBoundaries.class);

    @ArchTest
    static final ArchTests typedSettings = ArchTests.in(TypedSettings.class);
}
