package dev.belay.transport.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.ConnectionException;
import org.junit.jupiter.api.Test;

class NetAddressTest {

    @Test
    void hostAndPortAreRead() {
        assertThat(NetAddress.parse("rfc2217://lab-pi.local:4000", "rfc2217"))
                .isEqualTo(new NetAddress("lab-pi.local", 4000));
        assertThat(NetAddress.parse("socket://192.168.1.20:4001/", "socket"))
                .isEqualTo(new NetAddress("192.168.1.20", 4001));
    }

    @Test
    void anIpv6HostIsWrittenInBrackets() {
        NetAddress address = NetAddress.parse("rfc2217://[::1]:7000", "rfc2217");
        assertThat(address.host()).isEqualTo("::1");
        assertThat(address).hasToString("[::1]:7000");
    }

    @Test
    void aMissingPortIsRefusedNamingTheForm() {
        assertThatThrownBy(() -> NetAddress.parse("rfc2217://lab-pi", "rfc2217"))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("'rfc2217://lab-pi' names no TCP port. A serial server listens on a port of its own for "
                        + "each serial port (ser2net: the number in the accepter line); write it as "
                        + "rfc2217://HOST:PORT, e.g. rfc2217://192.168.1.20:4000.");
    }

    @Test
    void aMissingHostIsRefused() {
        assertThatThrownBy(() -> NetAddress.parse("socket://:4000", "socket"))
                .isInstanceOf(ConnectionException.class)
                .hasMessageStartingWith("'socket://:4000' names no host.");
    }
}
