import Foundation
import Testing
@testable import Redaction

/// Echoes (a secret masked once is masked at its other occurrences) and known values, through
/// the stream and one-shot paths.
@Suite struct EchoAndKnownValueTests {
    static let rules: CompiledRuleSet = TestSupport.ruleSet(
        [TestSupport.passwordRule, TestSupport.canaryRule],
        options: CompiledRuleSet.Options(replacement: try! ReplacementTemplate("[{rule}]")))

    static func redact(_ input: String, chunk: Int = 0, echoes: Int = ValueMemory.defaultEchoCapacity,
                       known: KnownValueList? = nil, everyLine: Bool = false, readSize: Int = 64 * 1024) -> String {
        var configuration = RedactionConfiguration(readSize: readSize)
        configuration.echoCapacity = echoes
        configuration.knownValues = known
        configuration.scansEveryLine = everyLine
        return TestSupport.redact(input, with: rules, chunk: chunk, configuration: configuration)
    }

    @Test func anEchoLaterInTheSameLineIsMasked() {
        #expect(Self.redact("login password=Hunter2xyz failed (password Hunter2xyz rejected), retry with Hunter2xyz\n")
            == "login password=[pw] failed (password [echo] rejected), retry with [echo]\n")
    }

    /// A value masked whole with its authorization scheme (`"Bearer <token>"` under a JSON
    /// `Authorization` key) is remembered without the scheme: the token alone comes back later.
    @Test func anEchoOfATokenMaskedWithItsSchemeIsTheTokenAlone() {
        #expect(LineRedactor.echoValue(UnsafeRawBufferPointer(start: nil, count: 0)) == nil)
        let cases: [(String, String)] = [("\"Bearer q7PLz9wRt2Ns4Kd8\"", "q7PLz9wRt2Ns4Kd8"), ("basic dXNlcjpwYXNz", "dXNlcjpwYXNz"),
                                         ("Bearer", "Bearer"), ("Tokenizer7x", "Tokenizer7x"), ("'pw-Hunter2'", "pw-Hunter2")]
        for (secret, expected) in cases {
            let value = Array(secret.utf8).withUnsafeBytes { bytes in LineRedactor.echoValue(bytes).map { Array($0) } }
            #expect(value.map { String(decoding: $0, as: UTF8.self) } == expected, "\(secret)")
        }
        let output = TestSupport.redact("{\"headers\":{\"Authorization\":\"Bearer q7PLz9wRt2Ns4Kd8Vb1Rc9Xy\"}}\nretrying with q7PLz9wRt2Ns4Kd8Vb1Rc9Xy\n",
                                        with: TestSupport.builtin)
        #expect(!output.contains("q7PLz9wRt2Ns4Kd8Vb1Rc9Xy"))
    }

    @Test func anEchoEarlierInTheSameLineIsMaskedToo() {
        #expect(Self.redact("trying Hunter2xyz: password=Hunter2xyz\n") == "trying [echo]: password=[pw]\n")
    }

    @Test func anEchoInALaterLineIsMasked() {
        let input = "user=bob password=s3cr3tValue\nnothing here\nretrying with s3cr3tValue\n"
        #expect(Self.redact(input) == "user=bob password=[pw]\nnothing here\nretrying with [echo]\n")
    }

    /// An echo is the exact bytes (case-sensitive); where it is part of a longer token, the whole
    /// token is masked (see the next test).
    @Test func echoesAreExactAndCaseSensitive() {
        let input = "password=s3cr3tValue\nS3CR3TVALUE s3cr3tValue2 xs3cr3tValue\n"
        #expect(Self.redact(input) == "password=[pw]\nS3CR3TVALUE [echo] [echo]\n")
    }

    /// An echo that begins, ends or sits inside a longer run of token bytes (letters, digits,
    /// `_`, `-`, `+`) masks the whole run: no tail of a longer secret stays in the clear. Dots,
    /// slashes, `=` and blanks end the run; a known value is masked exactly.
    @Test func anEchoInsideALongerTokenMasksTheWholeToken() {
        let input = "password=9Zw11adr8Q76\n/unsub?u=1&t=9Zw11adr8Q76adJ4qj8Hr1p&x=1\n"
            + "host 9Zw11adr8Q76.example.com path /9Zw11adr8Q76/files a-9Zw11adr8Q76_b+c=d\n"
        #expect(Self.redact(input) == "password=[pw]\n/unsub?u=1&t=[echo]&x=1\n"
            + "host [echo].example.com path /[echo]/files [echo]=d\n")
        for chunk in [1, 7] {
            #expect(Self.redact(input, chunk: chunk) == "password=[pw]\n/unsub?u=1&t=[echo]&x=1\n"
                + "host [echo].example.com path /[echo]/files [echo]=d\n")
        }
    }

    /// An echo under 8 bytes counts only as a whole token: a few characters inside a longer token
    /// (a hash, a pid, an id) are a coincidence, not the secret.
    @Test func aShortEchoInsideALongerTokenIsACoincidence() {
        let input = "password=Zq7k2m\nref aZq7k2mb sha 9fZq7k2m0c and Zq7k2m, again (Zq7k2m)\n"
        #expect(Self.redact(input) == "password=[pw]\nref aZq7k2mb sha 9fZq7k2m0c and [echo], again ([echo])\n")
    }

    /// A number under 8 digits is masked where a rule finds it, but is no echo: counts, ports, pids
    /// and ids repeat it. From 8 digits on it is remembered like any value.
    @Test func shortNumbersAreNotEchoed() {
        #expect(Self.redact("password=1186\ntook 1186 ms, pid 1186\n") == "password=[pw]\ntook 1186 ms, pid 1186\n")
        #expect(Self.redact("password=51186204\nretry 51186204\n") == "password=[pw]\nretry [echo]\n")
    }

    @Test func noEchoTurnsThemOff() {
        let input = "password=s3cr3tValue\nretrying with s3cr3tValue\n"
        #expect(Self.redact(input, echoes: 0) == "password=[pw]\nretrying with s3cr3tValue\n")
    }

    @Test func shortSecretsAndQuotesAreNotRemembered() {
        // "abc" is masked where the rule finds it, but too short to be masked everywhere; quotes
        // around a secret are not part of the remembered value.
        let input = "password=abc\nabc\npassword='quoted-secret'\nquoted-secret again\n"
        #expect(Self.redact(input) == "password=[pw]\nabc\npassword=[pw]\n[echo] again\n")
    }

    /// A word (letters only, up to 12 bytes) is masked where a rule finds it, but is not an echo:
    /// its other occurrences are field names and prose (`-password $X`, `login alice password X`).
    @Test(arguments: ["password", "admin", "changeme", "ESXipass", "letMEinNOWxy"])
    func wordsAreNotEchoed(word: String) {
        let input = "password=\(word)\nConnect -user $u -password $P\nmachine h login \(word) password \(word)x\n"
        #expect(Self.redact(input) == "password=[pw]\nConnect -user $u -password $P\nmachine h login \(word) password \(word)x\n")
    }

    /// Nor is a snake_case name, a protocol version or a locale (`laravel_session`, `HTTP/1.1`,
    /// `fr_FR` of a language cookie): masked where a rule took it for a value, but its other
    /// occurrences are names, request lines and cache keys, and echoing them would carry one
    /// doubtful match into every later line.
    @Test(arguments: ["laravel_session", "v2_flow_enabled", "HTTP/1.1", "SIP/2.0", "fr_FR", "pt-BR", "zh-Hans", "en_US.UTF-8"])
    func namesAndProtocolVersionsAreNotEchoed(value: String) {
        let input = "password=\(value)\nGET /cart \(value) 200 cookie \(value)s\n"
        #expect(Self.redact(input) == "password=[pw]\nGET /cart \(value) 200 cookie \(value)s\n")
    }

    /// Nor are words with blanks (a linter's report of the literal `'Bearer '` as a hard-coded
    /// password): their other occurrences are headers and prose (`WWW-Authenticate: Bearer realm=`).
    @Test(arguments: ["Bearer ", "Not Set", "Header Not Set"])
    func wordsWithBlanksAreNotEchoed(value: String) {
        let memory = ValueMemory(for: Self.rules)
        memory.remember(secret: value)
        #expect(memory.counts.echoes == 0)
        // (with more after it, it is a value; `Bearer x9Tq` is remembered as the token, `x9Tq`)
        memory.remember(secret: value + "x9Tq")
        #expect(memory.counts.echoes == 1)
    }

    /// Values that are not words stay echoes: digits or symbols in them, or longer than 12 bytes,
    /// snake_case with a capital or a doubled `_`.
    @Test(arguments: ["passw0rd", "pass-word", "correcthorsebattery", "Laravel_Session9", "db__secret", "fr_FRx9", "Fr_FR1"])
    func nonWordsAreEchoed(value: String) {
        #expect(Self.redact("password=\(value)\nretry \(value)\n") == "password=[pw]\nretry [echo]\n")
    }

    @Test func aSensitiveKeyWordIsNotEchoed() {
        let memory = ValueMemory(for: Self.rules)
        memory.remember(secret: "\"password\"")
        memory.remember(secret: "admin")
        #expect(memory.counts.echoes == 0)
        memory.remember(secret: "admin-2024")
        #expect(memory.counts.echoes == 1)
    }

    /// The output does not depend on how the input is cut into reads or buffers, nor on whether
    /// lines are searched one by one, also when a secret's echoes are many windows away.
    @Test func echoesDoNotDependOnReadBoundaries() {
        var lines: [String] = []
        for index in 0..<3000 {
            switch index % 500 {
            case 7: lines.append("attempt \(index) password=Secret\(index / 500)-value-\(index)")
            case 19, 480: lines.append("retry \(index) with Secret\(index / 500)-value-\(index - index % 500 + 7) now")
            case 250: lines.append("old secret Secret\(max(0, index / 500 - 1))-value-\(max(0, index / 500 - 1) * 500 + 7) again")
            default: lines.append("filler line \(index) with ordinary words and numbers \(index * 31)")
            }
        }
        let input = lines.joined(separator: "\n") + "\n"
        let whole = Self.redact(input)
        #expect(!whole.contains("-value-"), "an echo was missed")
        #expect(whole.components(separatedBy: "[echo]").count - 1 == 3 * 6)
        for chunk in [1, 3, 64, 4095, 17_000] where chunk != 1 || input.utf8.count < 200_000 {
            #expect(Self.redact(input, chunk: chunk) == whole, "chunk \(chunk)")
        }
        #expect(Self.redact(input, readSize: 100) == whole)
        #expect(Self.redact(input, everyLine: true) == whole)
    }

    /// Every value's echoes are masked, whichever line first shows it, with many secrets per
    /// window (each new one searches the rest of its window again).
    @Test func manyNewSecretsInOneBufferAreAllEchoed() {
        var input = ""
        for index in 0..<400 { input += "password=distinct-\(index)-secret\n" }
        for index in stride(from: 0, to: 400, by: 7) { input += "echo of distinct-\(index)-secret\n" }
        let output = Self.redact(input)
        #expect(!output.contains("-secret"))
        #expect(Self.redact(input, everyLine: true) == output)
    }

    @Test func theMemoryIsBoundedLeastRecentlyUsedFirst() {
        let input = """
            password=first-secret
            password=second-secret
            first-secret is used again, so it stays
            password=third-secret
            first-secret second-secret third-secret

            """
        #expect(Self.redact(input, echoes: 2) == """
            password=[pw]
            password=[pw]
            [echo] is used again, so it stays
            password=[pw]
            [echo] second-secret [echo]

            """)
    }

    @Test func knownValuesAreMaskedEverywhere() throws {
        let known = try KnownValueList(["vault-Pa55word", "api-key-0001"])
        let input = "connecting with vault-Pa55word\nkey=api-key-0001 and api-key-0001x\nVAULT-PA55WORD\n"
        #expect(Self.redact(input, known: known)
            == "connecting with [known-value]\nkey=[known-value] and [known-value]x\nVAULT-PA55WORD\n")
        #expect(Self.redact(input, echoes: 0, known: known, everyLine: true) == Self.redact(input, known: known))
    }

    @Test func knownValuesShorterThanFourBytesAreRefusedWithoutTheValue() {
        #expect(throws: KnownValueError(index: 1, problem: .tooShort)) { try KnownValueList(["long-enough", "abc"]) }
        let error = KnownValueError(index: 1, problem: .tooShort)
        #expect(error.description == "known value #2 is shorter than 4 bytes")
        #expect(throws: KnownValueError(index: 0, problem: .lineBreak)) { try KnownValueList(["two\nlines"]) }
    }

    /// A list that changes while a stream runs is picked up at the stream's next buffer.
    @Test func aChangedListIsPickedUpAtTheNextBuffer() throws {
        let known = try KnownValueList(["first-known"])
        var configuration = RedactionConfiguration()
        configuration.knownValues = known
        let redactor = StreamRedactor(ruleSet: Self.rules, configuration: configuration)
        var sink = ByteArraySink()
        func feed(_ text: String) {
            Array(text.utf8).withUnsafeBytes { try! redactor.feed($0, into: &sink) }
        }
        feed("first-known second-known\n")
        try known.replace(with: [Array("second-known".utf8)])
        feed("first-known second-known\n")
        try! redactor.finish(into: &sink)
        #expect(String(decoding: sink.bytes, as: UTF8.self)
            == "[known-value] second-known\nfirst-known [known-value]\n")
    }

    @Test func addMaskAnnouncesAKnownValue() {
        let input = "::add-mask::Rand0mT0ken\nusing Rand0mT0ken now\n  ::ADD-MASK::  other-value%0Asecond-line \nother-value and second-line\n"
        let expected = "::add-mask::[known-value]\nusing [known-value] now\n  ::ADD-MASK::  [known-value] \n[known-value] and [known-value]\n"
        #expect(Self.redact(input) == expected)
        #expect(Self.redact(input, echoes: 0) == expected)
        #expect(Self.redact(input, everyLine: true) == expected)
        #expect(Self.redact(input, chunk: 5) == expected)
    }

    @Test func addMaskOfAPlaceholderAnnouncesNothing() {
        // Redacting output again must not turn the placeholder into a known value.
        let input = "::add-mask::[known-value]\n[known-value] stays\n"
        #expect(Self.redact(input) == input)
    }

    /// A step's script shown before it runs holds the reference, not the value: nothing is
    /// masked and nothing remembered (an echo of `$DEPLOY_KEY"` would spread to later lines).
    @Test func addMaskOfAScriptReferenceAnnouncesNothing() {
        let input = "Run echo \"::add-mask::$DEPLOY_KEY_ID\"\necho \"::add-mask::$TOKEN\" >> log\n"
            + "Write-Output \"::add-mask::$env:API_KEY\"\n::add-mask::${{ secrets.TOKEN }}\n::add-mask::%TOKEN%\n"
            + "later $DEPLOY_KEY_ID\" stays\n"
        #expect(Self.redact(input) == input)
        // The value the command announces when it runs is masked as before.
        #expect(Self.redact("::add-mask::Rand0mT0ken\"x\nRand0mT0ken\"x\n") == "::add-mask::[known-value]\n[known-value]\n")
        #expect(Array("$TOKEN\" && true".utf8).withUnsafeBytes { LineRedactor.isScriptReference($0) })
        #expect(!Array("$TOKENx&& true".utf8).withUnsafeBytes { LineRedactor.isScriptReference($0) })
    }

    @Test func redactingTheOutputAgainChangesNothing() throws {
        let known = try KnownValueList(["known-0123"])
        let input = "password=Echo-Me-1 known-0123\nEcho-Me-1 and known-0123\n::add-mask::announced-1\nannounced-1 Echo-Me-1\n"
        let once = Self.redact(input, known: known)
        #expect(Self.redact(once, known: known) == once)
        #expect(Self.redact(once) == once)
    }

    /// A secret under a sensitive key of a JSON record is echoed in later plain lines.
    @Test func recordSecretsAreEchoed() {
        let input = #"{"user":"bob","password":"json-Secret-9"}"# + "\nlogin json-Secret-9 failed\n"
        #expect(Self.redact(input) == #"{"user":"bob","password":"[record-sensitive-key]"}"# + "\nlogin [echo] failed\n")
    }

    /// Findings and statistics name the rule, never the value.
    @Test func reportsCarryRuleIdsNotValues() throws {
        let known = try KnownValueList(["known-0123"])
        var configuration = RedactionConfiguration()
        configuration.knownValues = known
        let redactor = StreamRedactor(ruleSet: Self.rules, configuration: configuration)
        var sink = ByteArraySink(collectFindings: true)
        Array("password=Echo-Me-1\nEcho-Me-1 known-0123\n".utf8).withUnsafeBytes {
            try! redactor.feed($0, into: &sink)
        }
        try redactor.finish(into: &sink)
        #expect(sink.findings.map(\.ruleID) == ["pw", "echo", "known-value"])
        #expect(sink.findings.map(\.column) == [10, 1, 11])
        let statistics = redactor.statistics
        #expect(statistics.redactionsByRule == ["pw": 1, "echo": 1, "known-value": 1])
        let text = "\(statistics) \(sink.findings)"
        #expect(!text.contains("Echo-Me-1") && !text.contains("known-0123"))
    }

    /// A memory passed to the one-shot path is shared across calls (a log handler's).
    @Test func aSharedMemoryCarriesAcrossTexts() {
        let memory = ValueMemory(for: Self.rules)
        let scratch = Self.rules.makeScratch()
        func redact(_ text: String) -> String {
            var output: [UInt8] = []
            let result = Array(text.utf8).withUnsafeBytes { Self.rules.redact($0, scratch: scratch, values: memory, into: &output) }
            return result.changed ? String(decoding: output, as: UTF8.self) : text
        }
        #expect(redact("password=Shared-Secret-7") == "password=[pw]")
        #expect(redact("again Shared-Secret-7") == "again [echo]")
        memory.remember(secret: "\"from-a-sensitive-key\"")
        #expect(redact("x from-a-sensitive-key y") == "x [echo] y")
    }
}
