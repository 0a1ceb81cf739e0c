package dev.belay.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockNamesTest {

    @Test
    void aPortDirectlyInDevIsNamedByItsBaseNameAsMinicomNamesIt() {
        assertThat(LockNames.device("/dev/null")).isEqualTo("null");
    }

    @Test
    void aLinkIsNamedByTheDeviceItPointsTo(@TempDir Path links) throws Exception {
        // As /dev/serial/by-id/usb-... points to /dev/ttyACM0, or a socat link to /dev/pts/N.
        Path link = Files.createSymbolicLink(links.resolve("tty"), Path.of("/dev/null"));
        assertThat(LockNames.device(link.toString())).isEqualTo("null");
    }

    @Test
    void aDeviceBelowDevKeepsItsDirectoryWithSlashesAsUnderscores() {
        assertThat(LockNames.device("/dev/pts/0")).isEqualTo("pts_0");
        assertThat(LockNames.device("/dev/pts/4711")).isEqualTo("pts_4711");
    }

    @Test
    void aWindowsPortIsItsName() {
        assertThat(LockNames.device("COM3")).isEqualTo("COM3");
    }

    @Test
    void aNetworkBoardIsNamedByHostAndPortWithTheDefaultPortFilledIn() {
        assertThat(LockNames.hostPort("ws://Board.local", 8266)).isEqualTo("board.local:8266");
        assertThat(LockNames.hostPort("rfc2217://192.168.1.5:7000", 23)).isEqualTo("192.168.1.5:7000");
    }

    @Test
    void theProvidersNameTheirBoards() {
        assertThat(Transports.lockName("/dev/pts/4711")).isEqualTo("pts_4711");
        assertThat(Transports.lockName("ws://192.168.1.5")).isEqualTo("192.168.1.5:8266");
        assertThat(Transports.lockName("rfc2217://Lab-Pi:4000")).isEqualTo("lab-pi:4000");
        assertThat(Transports.lockName("socket://192.168.1.5:4001")).isEqualTo("192.168.1.5:4001");
        assertThat(Transports.lockName("exec:cat")).isEmpty();
    }
}
