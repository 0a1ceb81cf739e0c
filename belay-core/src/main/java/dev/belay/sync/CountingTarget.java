package dev.belay.sync;

/** The board, counting the commands a sync sends it. */
final class CountingTarget implements SyncTarget {

    private final SyncTarget board;
    private int commands;

    CountingTarget(SyncTarget board) {
        this.board = board;
    }

    int commands() {
        return commands;
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
