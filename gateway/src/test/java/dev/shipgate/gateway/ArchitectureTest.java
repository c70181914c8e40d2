package dev.shipgate.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.shipgate.testing.TypedSettings;

/** The gateway's settings are typed records too (it has no feature layers for the other shared rules). */
@AnalyzeClasses(packages = "dev.shipgate.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests typedSettings = ArchTests.in(TypedSettings.class);
}
