package dev.belay.transport.net;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The client's half of telnet option negotiation (RFC 854, with the loop guard of RFC 1143's
 * spirit: a reply only when the state changes): which options this side offers ({@code WILL}),
 * which it asks the server for ({@code DO}), and what each received negotiation calls for.
 * Everything not wanted is refused; an option the server refused stays refused.
 *
 * <pre>{@code
 * OptionNegotiation options = new OptionNegotiation(Set.of(0, 3, 44), Set.of(0, 3));
 * out.write(options.requests());                      // WILL 0, WILL 3, WILL 44, DO 0, DO 3
 * out.write(options.receive(Telnet.DO, 44));          // nothing: it was asked for
 * options.localEnabled(Telnet.COM_PORT_OPTION);       // true
 * }</pre>
 */
final class OptionNegotiation {

    private enum Side { NO, WANT_YES, YES }

    private final Set<Integer> offered;
    private final Set<Integer> asked;
    private final Map<Integer, Side> local = new HashMap<>();
    private final Map<Integer, Side> remote = new HashMap<>();
    private final Set<Integer> refusedLocal = new HashSet<>();
    private final Set<Integer> refusedRemote = new HashSet<>();

    /**
     * @param offered the options this side will do (it sends WILL for them)
     * @param asked the options it asks the server to do (it sends DO for them)
     */
    OptionNegotiation(Set<Integer> offered, Set<Integer> asked) {
        this.offered = Set.copyOf(offered);
        this.asked = Set.copyOf(asked);
    }

    /**
     * The negotiations to send first, in a fixed order: WILL for each offered option, then DO for
     * each asked, leaving out those the server has asked for or agreed to already (in its greeting).
     */
    synchronized byte[] requests() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        offered.stream().sorted().filter(option -> !local.containsKey(option)).forEach(option -> {
            local.put(option, Side.WANT_YES);
            out.writeBytes(Telnet.negotiation(Telnet.WILL, option));
        });
        asked.stream().sorted().filter(option -> !remote.containsKey(option)).forEach(option -> {
            remote.put(option, Side.WANT_YES);
            out.writeBytes(Telnet.negotiation(Telnet.DO, option));
        });
        return out.toByteArray();
    }

    /** The reply a received {@code IAC command option} calls for; empty when none. */
    synchronized byte[] receive(int command, int option) {
        switch (command) {
            case Telnet.DO:
                return enable(local, offered, option, Telnet.WILL, Telnet.WONT);
            case Telnet.DONT:
                return disable(local, refusedLocal, option, Telnet.WONT);
            case Telnet.WILL:
                return enable(remote, asked, option, Telnet.DO, Telnet.DONT);
            case Telnet.WONT:
                return disable(remote, refusedRemote, option, Telnet.DONT);
            default:
                return new byte[0];
        }
    }

    private static byte[] enable(Map<Integer, Side> sides, Set<Integer> wanted, int option, int yes, int no) {
        Side side = sides.getOrDefault(option, Side.NO);
        if (side == Side.YES) {
            return new byte[0];
        }
        if (side == Side.WANT_YES) {
            sides.put(option, Side.YES); // the answer to our own request
            return new byte[0];
        }
        if (wanted.contains(option)) {
            sides.put(option, Side.YES);
            return Telnet.negotiation(yes, option);
        }
        return Telnet.negotiation(no, option);
    }

    private static byte[] disable(Map<Integer, Side> sides, Set<Integer> refused, int option, int no) {
        Side side = sides.getOrDefault(option, Side.NO);
        sides.put(option, Side.NO);
        if (side == Side.WANT_YES) {
            refused.add(option); // the answer to our own request: no
            return new byte[0];
        }
        return side == Side.YES ? Telnet.negotiation(no, option) : new byte[0];
    }

    /** Whether this side does the option (the server agreed to our WILL or asked with DO). */
    synchronized boolean localEnabled(int option) {
        return local.get(option) == Side.YES;
    }

    /** Whether the server does the option. */
    synchronized boolean remoteEnabled(int option) {
        return remote.get(option) == Side.YES;
    }

    /** Whether the server answered our WILL with DONT. */
    synchronized boolean localRefused(int option) {
        return refusedLocal.contains(option);
    }

    /** Whether the server answered our DO with WONT. */
    synchronized boolean remoteRefused(int option) {
        return refusedRemote.contains(option);
    }
}
