# The board side of docs/calling.md's examples.
readings = [20.5, 21.0, 21.5]


def read_now():
    return {'celsius': readings[-1], 'taken_at': 1000}


def history(count):
    for value in readings[:count]:
        yield value


def calibrate(offset):
    if offset > 5:
        raise ValueError('offset too large: %d' % offset)
    return [r + offset for r in readings]
