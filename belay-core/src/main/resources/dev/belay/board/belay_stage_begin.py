# Staging a large source on a board without raw-paste: an empty list for its pieces.
_belay_src = []
