package dev.belay.transport.exec;

import dev.belay.ConnectionException;
import dev.belay.transport.LinkOptions;
import dev.belay.transport.Transport;
import dev.belay.transport.TransportProvider;

/** {@code exec:COMMAND}: the board is whatever the command talks to on its stdin and stdout. */
public final class ProcessTransportProvider implements TransportProvider {

    private static final String SCHEME = "exec:";

    @Override
    public String describe() {
        return "exec:COMMAND (a program's stdin and stdout)";
    }

    @Override
    public boolean accepts(String connection) {
        return connection.startsWith(SCHEME);
    }

    @Override
    public Transport open(String connection, LinkOptions options) {
        String command = connection.substring(SCHEME.length()).strip();
        if (command.isEmpty()) {
            throw new ConnectionException("'" + connection + "' names no command. Write exec: followed by "
                    + "the command to run, e.g. exec:socat - /dev/ttyUSB0,rawer");
        }
        return ProcessTransport.start(connection, command, options.writeTimeout());
    }
}
