package dev.belay;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Where the lines a board prints go when the options name no consumer: a logger named after the
 * board, or standard output when no SLF4J provider is on the class path (SLF4J would drop every
 * line, and what a board printed is often what explains a failure).
 */
final class BoardOutput {

    private BoardOutput() {}

    static Consumer<String> consumerFor(String connection, DeviceOptions options) {
        if (options.output() != null) {
            return options.output();
        }
        if (LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory) {
            return line -> System.out.println("[" + connection + "] " + line);
        }
        Logger log = LoggerFactory.getLogger("dev.belay.board." + connection.replaceAll("[^A-Za-z0-9]+", "_"));
        return line -> log.info("{}", line);
    }
}
