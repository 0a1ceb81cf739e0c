package dev.belay.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.DeviceOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinkOptionsTest {

    @Test
    void theDefaultsAreThoseDocumented() {
        LinkOptions defaults = LinkOptions.defaults();
        assertThat(defaults.baudRate()).isEqualTo(115_200);
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.writeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.resetGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.password()).isNull();
    }

    @Test
    void theResetGraceFollowsTheConnectTimeoutUnlessSetAndNeverExceedsIt() {
        assertThat(LinkOptions.defaults().withConnectTimeout(Duration.ofSeconds(3)).resetGrace())
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(LinkOptions.defaults().withResetGrace(Duration.ofSeconds(1)).resetGrace())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(LinkOptions.defaults().withResetGrace(Duration.ofSeconds(30)).resetGrace())
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aWriteTimeoutOfZeroIsRefused() {
        assertThatThrownBy(() -> LinkOptions.defaults().withWriteTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("writeTimeout must be positive");
    }

    @Test
    void deviceOptionsHandTheTransportWhatAPipeNeeds() {
        LinkOptions link = DeviceOptions.defaults().withBaudRate(9_600).withConnectTimeout(Duration.ofSeconds(4))
                .withPassword("python").withAttempts(3).linkOptions();
        assertThat(link).isEqualTo(LinkOptions.defaults().withBaudRate(9_600)
                .withConnectTimeout(Duration.ofSeconds(4)).withPassword("python"));
    }

    @Test
    void withoutReconnectsABoardThatEndedItsSessionGetsOneSecondToComeBack() {
        assertThat(DeviceOptions.defaults().withAttempts(0).linkOptions().resetGrace()).isEqualTo(Duration.ofSeconds(1));
        assertThat(DeviceOptions.defaults().withAttempts(-1).linkOptions().resetGrace())
                .isEqualTo(Duration.ofSeconds(10));
    }
}
