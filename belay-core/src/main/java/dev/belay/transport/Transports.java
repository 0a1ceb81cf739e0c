package dev.belay.transport;

import dev.belay.ConnectionException;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Chooses the transport for a connection string among the providers on the class path.
 *
 * <pre>{@code
 * Transport transport = Transports.open("exec:socat - /dev/ttyUSB0,rawer", LinkOptions.defaults());
 * }</pre>
 */
public final class Transports {

    private Transports() {}

    /** Opens the transport of the first provider that accepts the connection string. */
    public static Transport open(String connection, LinkOptions options) {
        return providerFor(connection, providers()).open(connection, options);
    }

    /**
     * The name the board of {@code connection} is locked under across processes, empty for none;
     * see {@link TransportProvider#lockName(String)}.
     */
    public static String lockName(String connection) {
        return providerFor(connection, providers()).lockName(connection);
    }

    static TransportProvider providerFor(String connection, List<TransportProvider> providers) {
        if (connection == null || connection.isBlank()) {
            throw new ConnectionException("No connection string was given. Name a serial port such as "
                    + "/dev/ttyACM0 or COM3, or one of: " + schemes(providers) + ".");
        }
        return providers.stream()
                .filter(provider -> provider.accepts(connection))
                .findFirst()
                .orElseThrow(() -> new ConnectionException("No transport understands '" + connection
                        + "'. Known forms: " + schemes(providers) + ". A 'virtual:' board needs "
                        + "dev.belay:belay-virtual on the class path."));
    }

    private static String schemes(List<TransportProvider> providers) {
        return providers.stream().map(TransportProvider::describe).collect(Collectors.joining("; "));
    }

    /** Providers in ServiceLoader order, with the serial port provider, which takes plain paths, last. */
    static List<TransportProvider> providers() {
        return ServiceLoader.load(TransportProvider.class, Transports.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .sorted((a, b) -> Boolean.compare(a instanceof FallbackProvider, b instanceof FallbackProvider))
                .collect(Collectors.toList());
    }

    /** Marks a provider that accepts plain names and must be asked after every scheme-specific one. */
    public interface FallbackProvider extends TransportProvider {}
}
