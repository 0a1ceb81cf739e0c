package dev.belay.junit;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the extension reads from and writes to outside JUnit: system properties, the environment and
 * the log. A seam, so tests can give a run its own environment without changing the JVM's.
 */
record Sources(UnaryOperator<String> systemProperties, Map<String, String> environment, Consumer<String> log) {

    private static final Logger LOG = LoggerFactory.getLogger(BelayExtension.class);

    /** The JVM's own. */
    static Sources system() {
        return new Sources(System::getProperty, System.getenv(), LOG::info);
    }
}
