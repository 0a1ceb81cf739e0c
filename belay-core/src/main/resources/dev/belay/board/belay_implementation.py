# The firmware's description, as one tuple: name, version, platform, _mpy (the .mpy format and
# native architecture), which old firmware lacks, and the build text (os.uname().version, such as
# 'v1.27.0 on 2025-12-09'), or sys.version where the firmware has no os.uname.
(_belay_sys.implementation.name, _belay_sys.implementation.version, _belay_sys.platform, getattr(_belay_sys.implementation, '_mpy', None), getattr(__import__('os'), 'uname', lambda: _belay_sys)().version)
