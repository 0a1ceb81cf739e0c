package dev.belay.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WriterThreadTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final CountDownLatch reading = new CountDownLatch(1);

    /** A board that takes nothing until {@link #reading} is counted down. */
    private void stalledUntilReading(byte[] data, int offset, int length) throws IOException {
        try {
            reading.await();
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        synchronized (written) {
            written.write(data, offset, length);
        }
    }

    @Test
    void aWriteTheSinkTakesReturnsTrue() throws Exception {
        reading.countDown();
        WriterThread writer = new WriterThread(this::stalledUntilReading, Duration.ofSeconds(5), "test-writer");
        assertThat(writer.write("abc".getBytes(), 0, 3)).isTrue();
        assertThat(written.toString()).isEqualTo("abc");
        writer.close();
    }

    @Test
    void aWriteOfWhichTheSinkTakesNothingGivesUpAfterTheTimeoutAndItsBytesStillGoFirstOnceTheBoardReads()
            throws Exception {
        WriterThread writer = new WriterThread(this::stalledUntilReading, Duration.ofMillis(200), "test-writer");
        long start = System.nanoTime();
        assertThat(writer.write("ab".getBytes(), 0, 2)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(2));
        reading.countDown();
        assertThat(writer.write("c".getBytes(), 0, 1)).isTrue();
        assertThat(written.toString()).isEqualTo("abc");
        writer.close();
    }

    @Test
    void aSinkThatFailedFailsThisAndEveryLaterWrite() throws Exception {
        WriterThread writer = new WriterThread((data, offset, length) -> {
            throw new IOException("the pipe went away");
        }, Duration.ofSeconds(5), "test-writer");
        assertThatThrownBy(() -> writer.write(new byte[] {1}, 0, 1)).hasMessage("the pipe went away");
        assertThatThrownBy(() -> writer.write(new byte[] {2}, 0, 1)).hasMessage("the pipe went away");
    }

    @Test
    void aWriterWaitingWhenClosedStopsWaitingAtOnce() throws Exception {
        WriterThread writer = new WriterThread(this::stalledUntilReading, Duration.ofSeconds(30), "test-writer");
        CountDownLatch closed = new CountDownLatch(1);
        Thread closer = new Thread(() -> {
            writer.close();
            closed.countDown();
        });
        long start = System.nanoTime();
        closer.start();
        assertThatThrownBy(() -> writer.write(new byte[] {1}, 0, 1)).isInstanceOf(IOException.class);
        assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        reading.countDown();
    }
}
