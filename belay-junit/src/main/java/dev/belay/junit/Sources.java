package dev.belay.junit;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * What the extension reads from and writes to outside JUnit: system properties, the environment and
 * the log. A seam, so tests can give a run its own environment without changing the JVM's.
 */
record Sources(UnaryOperator<String> systemProperties, Map<String, String> environment, Consumer<String> log) {

    private static final Logger LOG = LoggerFactory.getLogger(BelayExtension.class);

    /**
     * The JVM's own. Which board a run uses must never go unsaid: without an SLF4J provider (SLF4J
     * then drops every line) it goes to standard error.
     */
    static Sources system() {
        Consumer<String> log = LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory
                ? line -> System.err.println("[belay] " + line)
                : LOG::info;
        return new Sources(System::getProperty, System.getenv(), log);
    }
}
