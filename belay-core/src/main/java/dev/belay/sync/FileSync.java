package dev.belay.sync;

import dev.belay.DeviceException;
import dev.belay.internal.repl.BoardSource;
import dev.belay.value.PythonLiteral;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors a local folder onto the board: one round trip lists the board's files with their hashes,
 * only new and changed files are written (each to a temporary name, then renamed into place), and
 * board files missing locally are deleted.
 *
 * <pre>{@code
 * SyncResult result = new FileSync(folder, SyncOptions.defaults()).run(target);
 * }</pre>
 */
public final class FileSync {

    private static final Logger LOG = LoggerFactory.getLogger(FileSync.class);

    /** Where a block names what it defines (see {@link #definedNames}); before the helper lists that use it. */
    private static final Pattern DEFINED = Pattern.compile("(?:^def |\\bas |^|, *)(_belay\\w*)");
    private static final List<String> HELPERS = topLevelBlocks(BoardSource.load("belay_sync.py"));
    private static final List<String> FLAT_HELPERS = topLevelBlocks(BoardSource.load("belay_sync_flat.py"));
    /** The globals the flat helpers define, deleted after each sync. */
    private static final List<String> FLAT_HELPER_NAMES = FLAT_HELPERS.stream()
            .flatMap(block -> definedNames(block).stream())
            .distinct()
            .toList();
    private static final String TEMP_SUFFIX = ".belay-tmp";
    /** Bytes per command with raw-paste, which streams into the compiler. */
    private static final int PASTE_CHUNK = 8192;
    /** Bytes per command without it: small, since a few KB of fragmented heap must parse the literal. */
    private static final int PLAIN_CHUNK = 240;
    /** The smallest piece a MemoryError halves the chunk size down to. */
    private static final int MIN_CHUNK = 16;
    /** Pieces of one file sent again (after a MemoryError, or bytes lost on the way) before the sync gives up. */
    private static final int PIECE_RETRIES = 8;

    private final Path folder;
    private final SyncOptions options;

    public FileSync(Path folder, SyncOptions options) {
        this.folder = folder;
        this.options = options;
    }

    /**
     * The _belay names a top-level block defines: a function's, those an import binds with
     * {@code as}, or the targets of an assignment on its first line.
     */
    static List<String> definedNames(String block) {
        String first = block.lines().findFirst().orElse("");
        String targets = first.startsWith("def ") || first.startsWith("import ") ? first
                : first.contains("=") ? first.substring(0, first.indexOf('=')) : "";
        List<String> names = new ArrayList<>();
        Matcher matcher = DEFINED.matcher(targets);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Splits a source at its top-level statements, keeping {@code except}/{@code else} with theirs. */
    static List<String> topLevelBlocks(String source) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        for (String line : source.lines().toList()) {
            boolean continues = line.isEmpty() || Character.isWhitespace(line.charAt(0))
                    || line.matches("(except|else|elif|finally)\\b.*");
            if (!continues && block.length() > 0) {
                blocks.add(block.toString());
                block.setLength(0);
            }
            block.append(line).append('\n');
        }
        if (block.length() > 0) {
            blocks.add(block.toString());
        }
        return blocks;
    }

    /** What the board said of itself and its files. */
    private record BoardState(boolean folders, boolean rename, boolean sha256, boolean base64,
            Map<String, Object> hashes, Map<String, Long> sizes, List<String> paths) {}

    /** Counts the commands a sync sends. */
    private static final class Counting implements SyncTarget {
        private final SyncTarget board;
        private int commands;

        Counting(SyncTarget board) {
            this.board = board;
        }

        @Override
        public void exec(String code) {
            commands++;
            board.exec(code);
        }

        @Override
        public Object eval(String expression) {
            commands++;
            return board.eval(expression);
        }

        @Override
        public boolean rawPaste() {
            return board.rawPaste();
        }

    }

    public SyncResult run(SyncTarget target) {
        long start = System.nanoTime();
        Counting board = new Counting(target);
        List<LocalFile> files = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        walkLocal(files, folders);
        BoardState state = readBoard(board);
        if (!state.folders()) {
            if (!folders.isEmpty()) {
                throw new SyncException("This board's firmware has no folders (no os.stat, os.mkdir), but " + folder
                        + " has subfolders: " + folders + ". Nothing was written. Flatten the tree for this board, "
                        + "or leave the subfolders out with ignore patterns.");
            }
            if (!options.destination().equals("/")) {
                throw new SyncException("This board's firmware has no folders, so it cannot sync into "
                        + options.destination() + ". Nothing was written. Sync into / instead.");
            }
        }
        String root = state.folders() ? options.destination() : "";
        if (state.folders() && !root.equals("/")) {
            makeFolders(board, state, List.of(root.substring(1)), "/");
        }
        makeFolders(board, state, folders, root);

        List<LocalFile> toWrite = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long bytesSkipped = 0;
        for (LocalFile file : files) {
            String path = join(root, file.relative());
            if (Long.valueOf(file.size()).equals(state.sizes().get(path))
                    && sameHash(state.hashes().get(path), hash(file.path(), state.sha256()))) {
                skipped.add(file.relative());
                bytesSkipped += file.size();
            } else {
                toWrite.add(file);
            }
        }
        long bytesTotal = toWrite.stream().mapToLong(LocalFile::size).sum();
        long[] bytesDone = {0};
        List<String> written = new ArrayList<>();
        for (LocalFile file : toWrite) {
            write(board, state, file, join(root, file.relative()), bytesDone, written.size(), toWrite.size(), bytesTotal);
            written.add(file.relative());
        }
        List<String> deleted = deleteExtras(board, state, root, files, folders);
        if (!state.folders()) {
            // A board this old has a few KB of heap: give the helpers' room back to the user's code.
            board.exec("del " + String.join(", ", FLAT_HELPER_NAMES));
        }
        return new SyncResult(written, skipped, deleted, bytesTotal, bytesSkipped, board.commands,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private void walkLocal(List<LocalFile> files, List<String> folders) {
        if (!Files.isDirectory(folder)) {
            throw new SyncException("The folder to sync, " + folder.toAbsolutePath() + ", "
                    + (Files.exists(folder) ? "is not a folder." : "does not exist.") + " Nothing was written.");
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.filter(path -> !path.equals(folder)).sorted().forEach(path -> {
                String relative = folder.relativize(path).toString().replace('\\', '/');
                boolean isFolder = Files.isDirectory(path);
                if (options.ignore().ignores(relative, isFolder)) {
                    return;
                }
                if (isFolder) {
                    folders.add(relative);
                } else {
                    files.add(new LocalFile(relative, path, size(path)));
                }
            });
        } catch (IOException e) {
            throw new SyncException("Could not read the folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new SyncException("Could not read " + path + ": " + e.getMessage(), e);
        }
    }

    private BoardState readBoard(SyncTarget board) {
        String root = options.destination();
        List<?> answer;
        try {
            answer = tree(board, root);
        } catch (DeviceException e) {
            if (!e.pythonType().equals("NameError")) {
                throw e;
            }
            // One top-level definition per command: a small board cannot compile them all at once;
            // and old firmware with a flat filesystem gets the small set made for it.
            boolean flat = Boolean.FALSE.equals(board.eval("hasattr(__import__('os'), 'stat')"));
            List<String> definitions = flat ? FLAT_HELPERS : HELPERS;
            for (int i = 0; i < definitions.size(); i++) {
                // On a few KB of heap, garbage left between definitions splits the free heap into pieces
                // too small to parse the next command: each one collects it (the first imports gc).
                board.exec(flat && i > 0 ? definitions.get(i) + "_belay_gc.collect()\n" : definitions.get(i));
            }
            answer = tree(board, root);
        }
        List<?> caps = (List<?>) answer.get(0);
        boolean folders = Boolean.TRUE.equals(caps.get(0));
        Map<String, Object> hashes = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        List<String> paths = new ArrayList<>();
        if (answer.get(1) instanceof String) {
            // The flat helper's form: pages of "name size hash" lines, and the number of files.
            long total = ((Number) answer.get(2)).longValue();
            while (true) {
                for (String line : ((String) answer.get(1)).lines().toList()) {
                    int size = line.lastIndexOf(' ', line.lastIndexOf(' ') - 1);
                    String[] numbers = line.substring(size + 1).split(" ");
                    String path = line.substring(0, size);
                    paths.add(path);
                    sizes.put(path, Long.parseLong(numbers[0]));
                    hashes.put(path, Long.parseLong(numbers[1]));
                }
                if (paths.size() >= total || ((String) answer.get(1)).isEmpty()) {
                    break;
                }
                answer = (List<?>) board.eval("_belay_tree('', " + paths.size() + ")");
            }
        }
        for (Object entry : answer.get(1) instanceof List<?> list ? list : List.of()) {
            List<?> item = (List<?>) entry;
            String path = (String) item.get(0);
            paths.add(path);
            sizes.put(path, ((Number) item.get(1)).longValue());
            hashes.put(path, item.get(2));
        }
        return new BoardState(folders, Boolean.TRUE.equals(caps.get(1)), Boolean.TRUE.equals(caps.get(2)),
                Boolean.TRUE.equals(caps.get(3)), hashes, sizes, paths);
    }

    private static List<?> tree(SyncTarget board, String root) {
        return (List<?>) board.eval("_belay_tree(" + PythonLiteral.of(root) + ")");
    }

    private static void makeFolders(SyncTarget board, BoardState state, List<String> folders, String root) {
        for (String relative : folders) {
            String path = join(root, relative);
            if (!Long.valueOf(-1).equals(state.sizes().get(path))) {
                board.exec("_belay_mkdir(" + PythonLiteral.of(path) + ")");
                state.sizes().put(path, -1L);
            }
        }
    }

    private void write(SyncTarget board, BoardState state, LocalFile file, String path, long[] bytesDone,
            int filesDone, int filesTotal, long bytesTotal) {
        byte[] content = read(file.path());
        // Without rename a replacement needs room for two copies; a new file has nothing old to protect.
        boolean inPlace = !state.rename() && !state.sizes().containsKey(path);
        String temp = inPlace ? path : path + TEMP_SUFFIX;
        int chunk = board.rawPaste() ? PASTE_CHUNK : PLAIN_CHUNK;
        try {
            boolean opened = false;
            int retries = 0;
            int offset = 0;
            while (!opened || offset < content.length) {
                int end = Math.min(content.length, offset + chunk);
                StringBuilder command = new StringBuilder();
                if (!opened) {
                    command.append("_belay_open(").append(PythonLiteral.of(temp)).append(")\n");
                }
                if (end > offset) {
                    byte[] piece = Arrays.copyOfRange(content, offset, end);
                    command.append(state.base64()
                            ? "_belay_wb(" + PythonLiteral.of(Base64.getEncoder().encode(piece)) + ", " + end + ")"
                            : "_belay_w(" + PythonLiteral.of(piece) + ", " + end + ")");
                }
                try {
                    board.exec(command.toString());
                } catch (DeviceException e) {
                    if (!pieceNotWritten(e) || ++retries > PIECE_RETRIES) {
                        throw e;
                    }
                    if (e.pythonType().equals("MemoryError")) {
                        // The board's heap could not take the piece: smaller ones need less of it in one block.
                        chunk = Math.max(MIN_CHUNK, chunk / 2);
                    }
                    // Go on from where the board's file ends; a file not yet opened is opened anew.
                    int at = opened ? ((Number) board.eval("_belay_p")).intValue() : 0;
                    LOG.info("Writing {} went on at byte {} in pieces of {} after {}: {}", file.relative(), at, chunk,
                            e.pythonType(), e.pythonMessage());
                    bytesDone[0] += at - offset;
                    offset = at;
                    continue;
                }
                opened = true;
                bytesDone[0] += end - offset;
                offset = end;
                options.listener().progress(filesDone, filesTotal, bytesDone[0], bytesTotal);
            }
            Object written = board.eval(inPlace
                    ? "_belay_done(" + PythonLiteral.of(path) + ", " + content.length + ")"
                    : "_belay_commit(" + PythonLiteral.of(temp) + ", " + PythonLiteral.of(path) + ", " + content.length + ")");
            if (!sameHash(written, hash(content, state.sha256()))) {
                throw new SyncException("After writing " + file.relative() + " the board's copy differs from the local "
                        + "file (hash mismatch). Sync again; if it persists, the board's filesystem may be failing.");
            }
        } catch (DeviceException e) {
            abort(board, temp);
            throw refused(file, e, state.rename());
        }
        options.listener().progress(filesDone + 1, filesTotal, bytesDone[0], bytesTotal);
    }

    /**
     * Whether a piece failed without writing anything wrong: a MemoryError (mostly the parser's, before
     * anything ran; one in the write itself leaves a size that the final check refuses), or the board's
     * refusal of a piece that lost bytes on the way or came at the wrong place.
     */
    private static boolean pieceNotWritten(DeviceException e) {
        return e.pythonType().equals("MemoryError")
                || e.pythonType().equals("ValueError") && e.pythonMessage().startsWith("_belay_w at ");
    }

    private static void abort(SyncTarget board, String temp) {
        try {
            board.exec("_belay_abort(" + PythonLiteral.of(temp) + ")");
        } catch (DeviceException cleanup) {
            // The report below matters more than the leftover temporary file, which the next sync deletes.
        }
    }

    private SyncException refused(LocalFile file, DeviceException e, boolean rename) {
        String message = e.pythonMessage();
        boolean full = message.contains("28") || message.contains("ENOSPC");
        String stays = rename
                ? " " + file.relative() + " on the board is as it was."
                : " On this firmware (no os.rename) " + file.relative() + " is as it was unless the failure came while "
                        + "it was being replaced; the next sync rewrites it.";
        if (full) {
            return new SyncException("The board's filesystem is full: writing " + file.relative() + " (" + file.size()
                    + " bytes) failed with " + e.pythonType() + ": " + message + "." + stays
                    + " Free space on the board (delete files, or leave some out with ignore patterns).", e);
        }
        return new SyncException("The board refused " + file.relative() + ": " + e.pythonType() + ": " + message + "."
                + stays, e);
    }

    private List<String> deleteExtras(SyncTarget board, BoardState state, String root, List<LocalFile> files,
            List<String> folders) {
        Set<String> local = new LinkedHashSet<>();
        files.forEach(file -> local.add(join(root, file.relative())));
        folders.forEach(name -> local.add(join(root, name)));
        List<String> extras = new ArrayList<>();
        for (String path : state.paths()) {
            String relative = relative(root, path);
            if (relative == null || local.contains(path)) {
                continue;
            }
            boolean leftover = path.endsWith(TEMP_SUFFIX);
            boolean isFolder = state.sizes().get(path) == -1;
            if (leftover || !(kept(relative) || options.ignore().ignores(relative, isFolder))) {
                extras.add(path);
            }
        }
        // Deepest first, so that folders are empty when their turn comes.
        extras.sort(Comparator.comparingInt((String path) -> path.split("/").length).reversed());
        List<String> deleted = new ArrayList<>();
        for (String path : extras) {
            boolean isFolder = state.sizes().get(path) == -1;
            board.exec((isFolder ? "_belay_rmdir(" : "_belay_remove(") + PythonLiteral.of(path) + ")");
            String relative = relative(root, path);
            if (!relative.endsWith(TEMP_SUFFIX)) {
                deleted.add(relative);
            }
        }
        return deleted;
    }

    private boolean kept(String relative) {
        return options.keep().stream().anyMatch(name -> relative.equals(name) || relative.startsWith(name + "/"));
    }

    private static String join(String root, String relative) {
        if (root.isEmpty()) {
            return relative;
        }
        return root.endsWith("/") ? root + relative : root + "/" + relative;
    }

    /** The path relative to the root, or null when it is not under it. */
    private static String relative(String root, String path) {
        if (root.isEmpty()) {
            return path;
        }
        String prefix = root.endsWith("/") ? root : root + "/";
        return path.startsWith(prefix) ? path.substring(prefix.length()) : null;
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new SyncException("Could not read " + path + ": " + e.getMessage(), e);
        }
    }

    private static Object hash(Path path, boolean sha256) {
        return hash(read(path), sha256);
    }

    /** SHA-256 where the board has hashlib; else the 32-bit FNV-1a its fallback computes. */
    static Object hash(byte[] content, boolean sha256) {
        if (sha256) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(content);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("This JVM has no SHA-256.", e);
            }
        }
        long h = 0x811c9dc5L;
        for (byte b : content) {
            h = ((h ^ (b & 0xff)) * 0x01000193L) & 0xffffffffL;
        }
        return h;
    }

    private static boolean sameHash(Object board, Object local) {
        if (board instanceof byte[] a && local instanceof byte[] b) {
            return Arrays.equals(a, b);
        }
        return board != null && board.equals(local);
    }
}
