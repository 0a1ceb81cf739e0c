package dev.belay.virtual;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The software boards there are, each named in a connection string as {@code virtual:NAME}.
 *
 * <pre>{@code
 * Device.connect("virtual:" + BoardKind.MICROBIT.id());
 * }</pre>
 */
public enum BoardKind {

    /** MicroPython 1.27 compiled to WebAssembly, run by Node: a modern board with raw-paste. */
    MICROPYTHON("micropython"),

    /**
     * The genuine BBC micro:bit v1 firmware (MicroPython 1.9.2) in QEMU: old firmware, no
     * raw-paste, a 64-byte receive buffer and about 9 KB of heap.
     */
    MICROBIT("microbit");

    private final String id;

    BoardKind(String id) {
        this.id = id;
    }

    /** The name used after {@code virtual:}. */
    public String id() {
        return id;
    }

    /** The kind named {@code id}, or an {@link IllegalArgumentException} listing the names there are. */
    public static BoardKind fromId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(kind -> kind.id.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("There is no software board named '" + id
                        + "'. Known boards: " + Arrays.stream(values()).map(BoardKind::id)
                        .collect(Collectors.joining(", ")) + "."));
    }
}
