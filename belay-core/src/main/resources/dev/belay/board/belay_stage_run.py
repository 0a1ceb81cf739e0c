# Runs the staged source where a lack of memory is an ordinary MemoryError, and frees it.
try:
    exec(''.join(_belay_src))
finally:
    del _belay_src
