# Board-side code of the tests, kept in a .py file as a user would.
def scaled(raw, factor):
    return raw * factor


def broken_reading():
    value = 1
    return value / 0
