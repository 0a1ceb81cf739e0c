/**
 * Serial ports on another machine, over TCP: {@code rfc2217://HOST:PORT} (telnet with RFC 2217's
 * COM-PORT-OPTION, which also sets the line speed and the modem lines) and
 * {@code socket://HOST:PORT} (raw bytes). ser2net serves both.
 */
package dev.belay.transport.net;
