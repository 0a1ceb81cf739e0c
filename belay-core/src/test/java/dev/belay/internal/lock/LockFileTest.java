package dev.belay.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LockFileTest {

    @Test
    void thePidIsTenAsciiCharactersRightAlignedAndANewline() {
        assertThat(LockFile.content(4711)).isEqualTo("      4711\n");
        assertThat(LockFile.content(4194304)).hasSize(11);
    }

    @Test
    void thePidIsReadWithOrWithoutItsPadding() {
        assertThat(LockFile.pidIn("      4711\n")).isEqualTo(4711);
        assertThat(LockFile.pidIn("4711")).isEqualTo(4711);
    }

    @Test
    void aFileThatNamesNoPidReadsAsZero() {
        assertThat(LockFile.pidIn("")).isZero();
        assertThat(LockFile.pidIn("busy\n")).isZero();
        assertThat(LockFile.pidIn("\u0067\u0012\0\0")).isZero();
    }

    @Test
    void lockFileNamesKeepLettersDigitsDotsDashesAndColons() {
        assertThat(PortLock.fileName("ttyACM0")).isEqualTo("ttyACM0");
        assertThat(PortLock.fileName("192.168.1.5:8266")).isEqualTo("192.168.1.5:8266");
        assertThat(PortLock.fileName("tmp/board tty")).isEqualTo("tmp_board_tty");
    }
}
