# Compiles and runs a function with the code emitter @EMITTER@; firmware without it refuses.
@micropython.@EMITTER@
def _belay_emit(x):
    return x
_belay_emit(1)
del _belay_emit
