package dev.belay;

import dev.belay.board.CallResult;
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
 * The board drops its generator when it ends or raises; {@link #close()} drops it earlier. Never
 * handed to users as such: they get a {@link Stream} of its values.
 */
final class BoardGenerator implements Iterator<Object>, AutoCloseable {

    private final Session session;
    private final Duration timeout;
    private final CallResult.Generator generator;
    private final Type type;
    private Object next;
    private boolean fetched;
    private boolean finished;

    BoardGenerator(Session session, Duration timeout, CallResult.Generator generator, Type type) {
        this.session = session;
        this.timeout = timeout;
        this.generator = generator;
        this.type = type;
    }

    /** The same generator, its values converted to {@code elementType}. */
    BoardGenerator as(Type elementType) {
        return new BoardGenerator(session, timeout, generator, elementType);
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
        CallResult result;
        try {
            result = session.next(generator, timeout);
        } catch (RuntimeException e) {
            finished = true;
            throw e;
        }
        if (result instanceof CallResult.Value value) {
            next = value.value();
            fetched = true;
            return;
        }
        // An exception inside the generator, or its end, drops it on the board, too.
        finished = true;
        if (result instanceof CallResult.Raised raised) {
            throw session.deviceException(raised.error());
        }
        if (result instanceof CallResult.Generator inner) {
            session.drop(inner, timeout);
            session.drop(generator, timeout);
            throw new ValueException("The generator yielded another generator, which cannot cross to Java; "
                    + "yield its values instead.");
        }
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
                session.drop(generator, timeout);
            }
        }
    }
}
