package dev.belay.sync;

import java.util.List;

/**
 * What the board said of itself and its files, in one listing.
 *
 * @param capabilities what its firmware has
 * @param entries      its files and folders, each folder before what it holds
 */
record BoardListing(Capabilities capabilities, List<BoardEntry> entries) {

    BoardListing {
        entries = List.copyOf(entries);
    }
}
