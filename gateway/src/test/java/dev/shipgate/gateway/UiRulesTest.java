package dev.shipgate.gateway;

import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.events.DeploymentStatusChanged.Status;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI reads the rules it shares with the server from static/rules.js, which is generated here from the
 * contracts (Role and DeploymentStatusChanged.Status), so app.js holds no copy of them. Fails when rules.js differs
 * from what the contracts give; {@code -Dshipgate.ui-rules.write=true} writes it.
 */
class UiRulesTest {

    private static final Path RULES = Path.of("src/main/resources/static/rules.js");

    @Test
    void rules_js_is_what_the_contracts_say() throws IOException {
        String generated = rulesJs();
        if (Boolean.getBoolean("shipgate.ui-rules.write")) {
            Files.writeString(RULES, generated);
        }
        assertThat(Files.readString(RULES)).as("gateway's static/rules.js is stale; regenerate it: mvn -pl gateway "
                + "-am test -Dtest=UiRulesTest -Dsurefire.failIfNoSpecifiedTests=false -Dshipgate.ui-rules.write=true")
                .isEqualTo(generated);
    }

    @Test
    void app_js_keeps_no_copy_of_the_roles_or_statuses() throws IOException {
        String app = Files.readString(Path.of("src/main/resources/static/app.js"));
        assertThat(app).doesNotContain("RANK").doesNotContainPattern("\\['(REQUESTED|HEALTHY)'")
                .contains("SHIPGATE_RULES.roleIncludes", "SHIPGATE_RULES.deploymentStatuses");
        assertThat(Files.readString(Path.of("src/main/resources/static/index.html")))
                .contains("<script src=\"/rules.js\" defer></script>\n  <script type=\"module\" src=\"/app.js\">"
                        + "</script>"); // deferred like a module, so rules.js runs first
    }

    static String rulesJs() {
        String roles = Arrays.stream(Role.values())
                .map(role -> "    " + role + ": " + list(role.included().stream().map(Enum::name).toList()))
                .collect(Collectors.joining(",\n"));
        return "// Generated from the contracts by gateway's UiRulesTest: do not edit "
                + "(-Dshipgate.ui-rules.write=true\n"
                + "// rewrites it). roleIncludes: the roles each role gives (contracts' access.Role);\n"
                + "// deploymentStatuses: the statuses of each kind (contracts' DeploymentStatusChanged.Status).\n"
                + "const SHIPGATE_RULES = Object.freeze({\n"
                + "  roleIncludes: {\n" + roles + ",\n  },\n"
                + "  deploymentStatuses: {\n"
                + "    pending: " + statuses(Status::isPending) + ",\n"
                + "    endedWell: " + statuses(Status::endedWell) + ",\n"
                + "  },\n"
                + "});\n";
    }

    private static String statuses(Predicate<Status> kind) {
        return list(Arrays.stream(Status.values()).filter(kind).map(Enum::name).toList());
    }

    private static String list(List<String> names) {
        return names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
