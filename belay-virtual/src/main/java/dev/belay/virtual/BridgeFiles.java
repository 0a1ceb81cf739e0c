package dev.belay.virtual;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the Node bridge of the MicroPython WebAssembly board on disk. The build bundles it (with
 * its npm dependency) as class-path resources; from a jar it is unpacked once per JVM into a
 * temporary folder that is removed at exit.
 */
final class BridgeFiles {

    private static final String FOLDER = "dev/belay/virtual/micropython-board/";
    private static final String ENTRY_POINT = "board.mjs";
    private static Path unpacked;

    private BridgeFiles() {}

    /** The folder holding {@code board.mjs} and its {@code node_modules}. */
    static synchronized Path folder() {
        String override = System.getProperty("belay.micropython.bridge");
        if (override != null) {
            return Path.of(override);
        }
        URL entry = BridgeFiles.class.getClassLoader().getResource(FOLDER + ENTRY_POINT);
        if (entry == null) {
            throw new VirtualBoardException("The MicroPython board's bridge (" + FOLDER + ENTRY_POINT
                    + ") is not on the class path. Rebuild belay-virtual with Maven: its build installs the "
                    + "bridge's npm package.");
        }
        try {
            if (entry.getProtocol().equals("file")) {
                return Path.of(entry.toURI()).getParent();
            }
            if (unpacked == null) {
                unpacked = unpack((JarURLConnection) entry.openConnection());
            }
            return unpacked;
        } catch (IOException | URISyntaxException e) {
            throw new VirtualBoardException("Could not reach the MicroPython board's bridge at " + entry + ".", e);
        }
    }

    private static Path unpack(JarURLConnection connection) throws IOException {
        connection.setUseCaches(false);
        Path target = Files.createTempDirectory("belay-micropython-bridge-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(target), "belay-bridge-cleanup"));
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : jar.stream().filter(e -> e.getName().startsWith(FOLDER)).toList()) {
                Path file = target.resolve(entry.getName().substring(FOLDER.length())).normalize();
                if (!file.startsWith(target)) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, file);
                    }
                }
            }
        }
        return target;
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Nothing more can be done at JVM exit.
        }
    }
}
