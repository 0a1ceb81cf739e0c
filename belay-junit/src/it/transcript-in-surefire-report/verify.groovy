// Surefire's reports, written with its default settings, hold the failed test's board transcript.
def reports = new File(basedir, 'target/surefire-reports')
def xml = new File(reports, 'TEST-it.transcript.ReadingTest.xml').getText('UTF-8')
def txt = new File(reports, 'it.transcript.ReadingTest.txt').getText('UTF-8')
def expected = [
    'expected 21 but the board said 17',
    "dev.belay.junit.BoardTranscript: board 'default' (virtual:micropython):",
    "print('the reading was', 17)",
    'the reading was 17',
    'odd\\x80', // received: bytes([111, 100, 100, 128]), the last one not UTF-8
]
expected.each { text ->
    assert xml.contains(text.replace("'", '&apos;')) || xml.contains(text): "TEST-*.xml lacks: $text"
    assert txt.contains(text): ".txt report lacks: $text"
}
def failure = xml.substring(xml.indexOf('<failure'), xml.indexOf('</failure>'))
assert !failure.contains('\uFFFD') : 'the transcript in TEST-*.xml shows a byte as U+FFFD'
// This project binds no SLF4J provider: what the board printed is not lost, and the run still says
// which board it used and why.
assert xml.contains('[virtual:micropython] the reading was 17')
assert xml.contains("[belay] board 'default' = virtual:micropython (JUnit configuration parameter belay.port)")
return true
