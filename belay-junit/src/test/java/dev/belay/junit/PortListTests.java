package dev.belay.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** How a port setting becomes the boards of a pool, and which lists are refused rather than guessed at. */
class PortListTests {

    private static final String SOURCE = "system property belay.port";

    private static List<Setting> parse(String value) {
        return PortList.parse(new Setting(value, SOURCE), "belay.port");
    }

    @Test
    void aSingleConnectionStringIsOneBoardWithItsOwnSource() {
        assertThat(parse("/dev/ttyACM0")).containsExactly(new Setting("/dev/ttyACM0", SOURCE));
    }

    @Test
    void theCommasOfAUsbIdentityStayInOneBoard() {
        assertThat(parse("usb:vid=2e8a,pid=0005,product=Pico W")).containsExactly(
                new Setting("usb:vid=2e8a,pid=0005,product=Pico W", SOURCE));
    }

    @Test
    void semicolonsSeparateTheBoardsOfAPoolAndEachSaysWhichItIs() {
        assertThat(parse("/dev/ttyACM0; usb:vid=2e8a,pid=0005,serial=E661")).containsExactly(
                new Setting("/dev/ttyACM0", "board 1 of 2 in " + SOURCE),
                new Setting("usb:vid=2e8a,pid=0005,serial=E661", "board 2 of 2 in " + SOURCE));
    }

    @Test
    void aRepeatedSoftwareBoardIsOneBoardPerRepetition() {
        assertThat(parse("virtual:micropython;virtual:micropython;virtual:micropython")).hasSize(3)
                .allSatisfy(board -> assertThat(board.value()).isEqualTo("virtual:micropython"));
    }

    @Test
    void anExecCommandStaysOneBoardWhateverItHolds() {
        assertThat(parse("exec:cd /tmp; ./board")).containsExactly(new Setting("exec:cd /tmp; ./board", SOURCE));
    }

    @Test
    void anExecCommandInAListIsRefused() {
        assertThatThrownBy(() -> parse("virtual:micropython;exec:./board")).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("The board list belay.port is 'virtual:micropython;exec:./board' (from " + SOURCE + "), but "
                        + "an exec: command cannot be one board of a list, since its own text may hold ';'. Wrap the "
                        + "commands in scripts and give each a board name of its own, or use a serial server "
                        + "(rfc2217://, socket://) for each board.");
    }

    @Test
    void aListSeparatedByCommasIsRefusedNamingTheSeparator() {
        assertThatThrownBy(() -> parse("/dev/ttyACM0,/dev/ttyACM1")).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("The board list belay.port is '/dev/ttyACM0,/dev/ttyACM1' (from " + SOURCE + "), but it looks "
                        + "like several connection strings separated by a comma or a space. Separate the boards of a "
                        + "pool with ';', as in /dev/ttyACM0;/dev/ttyACM1.");
    }

    @Test
    void aListSeparatedBySpacesIsRefused() {
        assertThatThrownBy(() -> parse("virtual:micropython virtual:micropython"))
                .hasMessageContaining("separated by a comma or a space");
        assertThatThrownBy(() -> parse("virtual:micropython,virtual:micropython"))
                .hasMessageContaining("separated by a comma or a space");
    }

    @Test
    void anEmptyEntryIsRefused() {
        assertThatThrownBy(() -> parse("/dev/ttyACM0;;/dev/ttyACM1")).hasMessage("The board list belay.port is "
                + "'/dev/ttyACM0;;/dev/ttyACM1' (from " + SOURCE + "), but it has an empty entry. Separate the boards "
                + "of a pool with ';', as in /dev/ttyACM0;/dev/ttyACM1, with nothing else between two of them.");
        assertThatThrownBy(() -> parse("/dev/ttyACM0;")).hasMessageContaining("it has an empty entry");
    }

    @Test
    void aRealBoardListedTwiceIsRefused() {
        assertThatThrownBy(() -> parse("/dev/ttyACM0;/dev/ttyACM0")).hasMessage("The board list belay.port is "
                + "'/dev/ttyACM0;/dev/ttyACM0' (from " + SOURCE + "), but it lists /dev/ttyACM0 twice. Each board of a "
                + "pool is a board of its own; only a virtual: string starts a new software board each time it is listed.");
    }
}
