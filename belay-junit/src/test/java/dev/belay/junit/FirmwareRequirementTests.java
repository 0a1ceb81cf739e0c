package dev.belay.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.Implementation;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which firmware versions a belay.firmware requirement accepts. */
class FirmwareRequirementTests {

    private static Implementation running(String version) {
        return new Implementation("micropython", version, "rp2", "armv6m", Set.of(), "v" + version + " on 2025-12-10");
    }

    @ParameterizedTest(name = "{0} accepts {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            ">=1.22        | 1.22.0 | true",
            ">=1.22        | 1.21.9 | false",
            ">=1.22        | 1.27.0 | true",
            "<2            | 1.27.0 | true",
            "<2            | 2.0.0  | false",
            ">=1.20,<1.24  | 1.23.1 | true",
            ">=1.20,<1.24  | 1.24.0 | false",
            ">= 1.20 , < 1.24 | 1.19.1 | false",
            "==1.27.0      | 1.27.0 | true",
            "==1.27        | 1.27.0 | true",
            "==1.27        | 1.27.1 | false",
            "!=1.23.0      | 1.23.0 | false",
            ">1.9          | 1.9.2  | true",
            "<=1.9.2       | 1.9.2  | true",
            ">=1.9         | 1.10.0 | true",
            "1.27.0        | 1.27.0 | true",
            "1.27          | 1.27.0 | false",
    })
    void acceptsTheVersionsItsClausesAllow(String requirement, String version, boolean accepted) {
        assertThat(FirmwareRequirement.parse(requirement, "belay.firmware").accepts(running(version))).isEqualTo(accepted);
    }

    @Test
    void anExactTextAlsoMatchesTheWholeBuildText() {
        FirmwareRequirement requirement = FirmwareRequirement.parse("v1.27.0 on 2025-12-10", "belay.firmware");
        assertThat(requirement.accepts(running("1.27.0"))).isTrue();
        assertThat(requirement.accepts(running("1.27.1"))).isFalse();
    }

    @Test
    void aRangeAcceptsNoVersionThatIsNotNumbers() {
        assertThat(FirmwareRequirement.parse(">=1.0", "belay.firmware").accepts(running("1.27.0-preview"))).isFalse();
    }

    @Test
    void anExactTextThatLooksLikeAVersionSaysHowToCompareItAsOne() {
        assertThat(FirmwareRequirement.parse("1.27", "belay.firmware").describe())
                .isEqualTo("exactly the version or build text '1.27' (to compare as a version, where 1.27 is 1.27.0, write ==1.27)");
        assertThat(FirmwareRequirement.parse(">=1.22,<2", "belay.firmware").describe()).isEqualTo(">=1.22,<2");
    }

    @Test
    void aClauseWithoutAVersionIsRefusedNamingTheKeyAndTheForms() {
        assertThatThrownBy(() -> FirmwareRequirement.parse(">=1.22,<", "belay.sensor.firmware"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("The configuration parameter belay.sensor.firmware is '>=1.22,<', but '<' is not a version "
                        + "clause. Write a range of clauses such as >=1.22, <2 or >=1.20,<1.24 (operators >=, <=, >, <, "
                        + "==, !=), or an exact version text such as 1.27.0 without an operator.");
        assertThatThrownBy(() -> FirmwareRequirement.parse(">=one", "belay.firmware"))
                .isInstanceOf(ExtensionConfigurationException.class);
    }
}
