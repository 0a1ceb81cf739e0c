package dev.belay;

import dev.belay.value.ValueConverter;
import dev.belay.value.ValueException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A generator living on the board, pulled one value per round trip as the Java side consumes it.
 * The board drops its generator when it ends or raises; {@link #close()} drops it earlier.
 */
final class BoardGenerator implements Iterator<Object>, AutoCloseable {

    private final Session session;
    private final Duration timeout;
    private final long id;
    private final Type type;
    private Object next;
    private boolean fetched;
    private boolean finished;

    BoardGenerator(Session session, Duration timeout, long id, Type type) {
        this.session = session;
        this.timeout = timeout;
        this.id = id;
        this.type = type;
    }

    /** The same generator, its values converted to {@code elementType}. */
    BoardGenerator as(Type elementType) {
        return new BoardGenerator(session, timeout, id, elementType);
    }

    Stream<Object> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    @Override
    public boolean hasNext() {
        if (!fetched && !finished) {
            pull();
        }
        return !finished;
    }

    private void pull() {
        Object value;
        try {
            value = session.call("_belay_run(lambda: _belay_next(" + id + "))", timeout);
        } catch (RuntimeException e) {
            // An exception inside the generator ends it on the board, too.
            finished = true;
            throw e;
        }
        if (value == Session.END) {
            finished = true;
            return;
        }
        if (value instanceof Session.GeneratorRef) {
            throw new ValueException("The generator yielded another generator, which cannot cross to Java; "
                    + "yield its values instead.");
        }
        next = value;
        fetched = true;
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException("The board's generator has no more values.");
        }
        fetched = false;
        return ValueConverter.convert(next, type);
    }

    @Override
    public void close() {
        if (!finished) {
            finished = true;
            if (!session.isClosed()) {
                session.exec("_belay_g.pop(" + id + ", None)", timeout, null);
            }
        }
    }
}
