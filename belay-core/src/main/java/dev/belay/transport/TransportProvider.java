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

    /**
     * The name under which the board of {@code connection} is locked against other processes
     * while a {@link dev.belay.Device} holds it, or an empty string for none (the default). The
     * lock is taken before {@link #open} and held across reconnects until the device closes; see
     * {@link LockNames} for the names of a local port ({@code ttyACM0}) and of a network board
     * ({@code HOST:PORT}). A provider whose every connection starts its own board (a process, a
     * software board) needs no lock.
     *
     * <pre>{@code
     * public String lockName(String connection) {
     *     return LockNames.hostPort(connection, 23);
     * }
     * }</pre>
     */
    default String lockName(String connection) {
        return "";
    }
}
