package dev.belay.sync;

/**
 * A file or folder the board listed.
 *
 * @param path its path on the board: absolute on firmware with folders, a bare name on a flat one
 * @param size its size in bytes, or {@link #FOLDER}
 * @param hash its content's hash as the board computed it ({@link ContentHash}); null for a folder
 */
record BoardEntry(String path, long size, Object hash) {

    /** The size a folder is listed with. */
    static final long FOLDER = -1;

    boolean isFolder() {
        return size == FOLDER;
    }
}
