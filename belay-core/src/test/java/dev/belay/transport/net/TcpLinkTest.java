package dev.belay.transport.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The connect failures a test machine cannot produce at will: no answer, no route. */
class TcpLinkTest {

    private static final NetAddress LAB_PI = new NetAddress("192.168.1.20", 4000);

    @Test
    void aHostThatDoesNotAnswerInTimeIsNamedWithTheTimeout() {
        assertThat(TcpLink.connectFailure("rfc2217://192.168.1.20:4000", LAB_PI, Duration.ofSeconds(10),
                new SocketTimeoutException("Connect timed out")))
                .hasMessage("192.168.1.20 port 4000 did not accept a connection within 10.0 s: the host is off or "
                        + "unreachable, or a firewall drops the connection. Check that you can reach it (ping "
                        + "192.168.1.20), or allow more time with DeviceOptions.withConnectTimeout.");
    }

    @Test
    void aHostWithoutRouteIsNamed() {
        assertThat(TcpLink.connectFailure("socket://192.168.1.20:4000", LAB_PI, Duration.ofSeconds(10),
                new NoRouteToHostException("No route to host")))
                .hasMessage("There is no route to 192.168.1.20 (for socket://192.168.1.20:4000): the host is off or "
                        + "not on a network this machine reaches.");
    }
}
