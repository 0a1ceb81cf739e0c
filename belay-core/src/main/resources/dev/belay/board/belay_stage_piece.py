# One piece of a staged source, as a str literal.
_belay_src.append(@PIECE@)
