package dev.belay;

import dev.belay.transport.LineState;
import dev.belay.transport.LinkOptions;
import dev.belay.transport.Transport;

/**
 * A transport that shows everything passing through it to a listener, for transcripts.
 */
final class TappedTransport implements Transport {

    /** Hears the bytes in each direction. */
    public interface Tap {
        void sent(byte[] data, int offset, int length);

        void received(byte[] data, int offset, int length);
    }

    private final Transport inner;
    private final Tap tap;

    public TappedTransport(Transport inner, Tap tap) {
        this.inner = inner;
        this.tap = tap;
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutMillis) {
        int n = inner.read(buffer, offset, length, timeoutMillis);
        tap.received(buffer, offset, n);
        return n;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        tap.sent(data, offset, length);
        inner.write(data, offset, length);
    }

    @Override
    public Transport reopen(LinkOptions options) {
        return new TappedTransport(inner.reopen(options), tap);
    }

    @Override
    public void onNewSession(Runnable listener) {
        inner.onNewSession(listener);
    }

    @Override
    public boolean hasLines() {
        return inner.hasLines();
    }

    @Override
    public void setLines(LineState dtr, LineState rts) {
        inner.setLines(dtr, rts);
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void close() {
        inner.close();
    }
}
