package dev.belay.transport.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.BoardBusyException;
import dev.belay.ConnectionException;
import dev.belay.DeviceTimeoutException;
import dev.belay.transport.LineState;
import dev.belay.transport.LinkOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SerialTransportTest {

    private static final Pattern PTY = Pattern.compile("PTY is (\\S+)");

    @Test
    void aMissingPortSaysSoAndWhatToCheck() {
        assertThatThrownBy(() -> SerialTransport.open("/dev/ttyACM99", LinkOptions.defaults()))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("No serial port at /dev/ttyACM99: the file does not exist. Is the board plugged in? "
                        + "Its port may have another name (ls /dev/ttyACM* /dev/ttyUSB*).");
    }

    @Test
    void aWriteToAPortNobodyReadsThrowsAfterTheWriteTimeout() throws Exception {
        // socat -u copies only from sleep to the pty, so nothing ever reads what is written to the pty.
        Process socat = new ProcessBuilder("socat", "-d", "-d", "-u", "EXEC:sleep 60", "PTY,raw,echo=0").start();
        try {
            String pty = ptyOf(socat);
            try (SerialTransport port = SerialTransport.open(pty,
                    LinkOptions.defaults().withWriteTimeout(Duration.ofMillis(500)))) {
                byte[] moreThanAPtyHolds = new byte[1 << 20];
                long start = System.nanoTime();
                assertThatThrownBy(() -> port.write(moreThanAPtyHolds, 0, moreThanAPtyHolds.length))
                        .isInstanceOf(DeviceTimeoutException.class)
                        .hasMessageStartingWith("The board at " + pty + " took no bytes for 0.5 s");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            }
        } finally {
            socat.descendants().forEach(ProcessHandle::destroy);
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPtyOpensWithBothLinesOffAndSaysItHasNoLines() throws Exception {
        // A pty refuses the modem line ioctls: the port must open all the same, without lines to drive.
        Process socat = new ProcessBuilder("socat", "-d", "-d", "-u", "EXEC:sleep 60", "PTY,raw,echo=0").start();
        try {
            String pty = ptyOf(socat);
            try (SerialTransport port = SerialTransport.open(pty,
                    LinkOptions.defaults().withDtr(LineState.OFF).withRts(LineState.OFF))) {
                assertThat(port.hasLines()).isFalse();
                assertThatThrownBy(() -> port.setLines(LineState.ON, LineState.ON))
                        .isInstanceOf(UnsupportedOperationException.class)
                        .hasMessageContaining("has no modem lines (DTR, RTS)");
            }
        } finally {
            socat.descendants().forEach(ProcessHandle::destroy);
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPortAnotherProgramHoldsIsReportedBusyWithTheProcessThatHasItOpen() throws Exception {
        Process socat = new ProcessBuilder("socat", "-d", "-d", "-u", "EXEC:sleep 60", "PTY,raw,echo=0").start();
        Process holder = null;
        try {
            String pty = ptyOf(socat);
            // A program that locks the port itself and writes no lock file, as picocom does; -o keeps the lock in flock alone.
            holder = new ProcessBuilder("flock", "-o", pty, "sh", "-c", "echo locked; exec sleep 60").start();
            Process flock = holder;
            assertThat(new BufferedReader(new InputStreamReader(flock.getInputStream(), StandardCharsets.UTF_8))
                    .readLine()).isEqualTo("locked");
            // socat keeps the pty open too, and is named with flock; a USB port has its one user.
            assertThatThrownBy(() -> SerialTransport.open(pty, LinkOptions.defaults()))
                    .isInstanceOf(BoardBusyException.class)
                    .hasMessageStartingWith("The serial port " + pty + " is in use by another program that holds the "
                            + "port's own lock: ")
                    .hasMessageContaining("process " + flock.pid() + " (flock -o " + pty + " sh -c echo locked; exec "
                            + "sleep 60)")
                    .hasMessageEndingWith(". Close the serial terminal, mpremote or other program that has it open.");
        } finally {
            if (holder != null) {
                holder.descendants().forEach(ProcessHandle::destroy);
                holder.destroy();
                holder.waitFor(5, TimeUnit.SECONDS);
            }
            socat.descendants().forEach(ProcessHandle::destroy);
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The pty socat made, from its "PTY is /dev/pts/N" notice on stderr. */
    private static String ptyOf(Process socat) throws Exception {
        BufferedReader stderr = new BufferedReader(new InputStreamReader(socat.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = stderr.readLine()) != null) {
            Matcher pty = PTY.matcher(line);
            if (pty.find()) {
                return pty.group(1);
            }
        }
        throw new IllegalStateException("socat ended without making a pty");
    }
}
