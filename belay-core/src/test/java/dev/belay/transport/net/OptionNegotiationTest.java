package dev.belay.transport.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionNegotiationTest {

    private final OptionNegotiation options = new OptionNegotiation(Set.of(0, 3, 44), Set.of(0, 3));

    @Test
    void theRequestsOfferEachOptionThenAskForEach() {
        assertThat(options.requests()).containsExactly(
                255, 251, 0, 255, 251, 3, 255, 251, 44, 255, 253, 0, 255, 253, 3);
    }

    @Test
    void theAnswerToARequestIsNotAnsweredAgain() {
        options.requests();
        assertThat(options.receive(Telnet.DO, 44)).isEmpty();
        assertThat(options.receive(Telnet.WILL, 0)).isEmpty();
        assertThat(options.localEnabled(44)).isTrue();
        assertThat(options.remoteEnabled(0)).isTrue();
        assertThat(options.receive(Telnet.DO, 44)).isEmpty();
    }

    @Test
    void aWantedOptionTheServerOffersFirstIsAccepted() {
        assertThat(options.receive(Telnet.DO, 44)).containsExactly(255, 251, 44);
        assertThat(options.receive(Telnet.WILL, 3)).containsExactly(255, 253, 3);
    }

    @Test
    void optionsTheServerSettledInItsGreetingAreNotRequestedAgain() {
        assertThat(options.receive(Telnet.DO, 44)).containsExactly(255, 251, 44);
        assertThat(options.receive(Telnet.WILL, 0)).containsExactly(255, 253, 0);
        assertThat(options.requests()).containsExactly(255, 251, 0, 255, 251, 3, 255, 253, 3);
        assertThat(options.localEnabled(44)).isTrue();
    }

    @Test
    void anOptionNotWantedIsRefusedEitherWay() {
        assertThat(options.receive(Telnet.WILL, Telnet.ECHO)).containsExactly(255, 254, 1);
        assertThat(options.receive(Telnet.DO, Telnet.ECHO)).containsExactly(255, 252, 1);
        assertThat(options.remoteEnabled(Telnet.ECHO)).isFalse();
    }

    @Test
    void aRefusalOfOurRequestIsRememberedWithoutReply() {
        options.requests();
        assertThat(options.receive(Telnet.DONT, 44)).isEmpty();
        assertThat(options.localRefused(44)).isTrue();
        assertThat(options.localEnabled(44)).isFalse();
    }

    @Test
    void anEnabledOptionTurnedOffIsAcknowledgedOnce() {
        options.requests();
        options.receive(Telnet.WILL, 0);
        assertThat(options.receive(Telnet.WONT, 0)).containsExactly(255, 254, 0);
        assertThat(options.receive(Telnet.WONT, 0)).isEmpty();
    }
}
