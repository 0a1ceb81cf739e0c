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

    @Test
    void aLongArgumentIsCutSoThatTheMainClassStillShows() {
        String classPath = "/home/ci/.m2/repository/a.jar:".repeat(20);
        assertThat(ProcessInfo.join(new String[] {"java", "-cp", classPath, "com.example.Main", "PT1M"}))
                .isEqualTo("java -cp /home/ci/.m2/repository/a.jar:/home/ci/.m2/repository/a.j... com.example.Main PT1M");
    }

    @Test
    void theHoldersCommandLineIsReadFromTheSystem() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            assertThat(ProcessInfo.commandLine(sleeper.pid())).isEqualTo("sleep 60");
            assertThat(ProcessInfo.isAlive(sleeper.pid())).isTrue();
        } finally {
            sleeper.destroy();
            sleeper.waitFor();
        }
        assertThat(ProcessInfo.isAlive(sleeper.pid())).isFalse();
    }
}
