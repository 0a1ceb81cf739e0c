# Whether the firmware has folders (os.stat): which of Belay's sync helper sets the board gets.
hasattr(__import__('os'), 'stat')
