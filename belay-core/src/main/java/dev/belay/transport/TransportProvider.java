package dev.belay.transport;

/**
 * Opens transports for the connection strings it accepts. Providers are found with
 * {@link java.util.ServiceLoader}, so a module on the class path (such as belay-virtual) adds its
 * own schemes by listing its provider in
 * {@code META-INF/services/dev.belay.transport.TransportProvider}.
 *
 * <pre>{@code
 * public final class LoopbackProvider implements TransportProvider {
 *     public String describe() { return "loop: an in-memory echo"; }
 *     public boolean accepts(String connection) { return connection.startsWith("loop:"); }
 *     public Transport open(String connection, LinkOptions options) { return new Loopback(); }
 * }
 * }</pre>
 */
public interface TransportProvider {

    /** One line for error messages, naming the scheme and what it reaches, e.g. {@code exec:COMMAND ...}. */
    String describe();

    /** Whether this provider handles the connection string. */
    boolean accepts(String connection);

    /**
     * Opens the transport, or throws a {@link dev.belay.ConnectionException} that says why it
     * cannot be opened and what to do about it.
     */
    Transport open(String connection, LinkOptions options);
}
