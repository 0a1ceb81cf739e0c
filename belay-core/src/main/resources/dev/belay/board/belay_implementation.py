# The firmware's description, as one tuple: name, version, platform, and _mpy (the .mpy format and
# native architecture), which old firmware lacks.
(_belay_sys.implementation.name, _belay_sys.implementation.version, _belay_sys.platform, getattr(_belay_sys.implementation, '_mpy', None))
