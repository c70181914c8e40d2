package dev.shipgate.support;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.shipgate.testing.TypedSettings;

/** The services' shared support reads its settings as typed records too, so that the canvases list them. */
@AnalyzeClasses(packages = "dev.shipgate.support", importOptions = ImportOption.DoNotIncludeTests.class)
class SettingsArchitectureTest {

    @ArchTest
    static final ArchTests typedSettings = ArchTests.in(TypedSettings.class);
}
