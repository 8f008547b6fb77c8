import Foundation
import Testing
@testable import Redaction

/// Line handling and chunk-boundary invariance of the stream redactor.
@Suite struct StreamRedactorTests {
    static let set = TestSupport.ruleSet([TestSupport.canaryRule, TestSupport.passwordRule])

    /// Fixtures that exercise every line-handling edge.
    static let fixtures: [(name: String, bytes: [UInt8])] = [
        ("empty", []),
        ("newline only", [0x0A]),
        ("crlf only", [0x0D, 0x0A]),
        ("clean lf", Array("alpha\nbeta\ngamma\n".utf8)),
        ("clean crlf no final newline", Array("alpha\r\nbeta\r\ngamma".utf8)),
        ("secret at every position", Array("CANARY-ABCDEFGHIJKL\nx CANARY-ABCDEFGHIJKL y\r\nz password=hunter2secret\nCANARY-ABCDEFGHIJKL".utf8)),
        ("nul and invalid utf8", [0x00, 0xFF, 0xC0, 0x80, 0x0A] + Array("a\u{0}CANARY-ABCDEFGHIJKL\u{0}".utf8) + [0xED, 0xA0, 0x80, 0x0A, 0xFE]),
        ("cr at end without lf", Array("password=abc\r".utf8)),
        ("lone cr inside", Array("a\rCANARY-ABCDEFGHIJKL\rb\n".utf8)),
        ("long clean line", Array(String(repeating: "lorem ipsum ", count: 2000).utf8) + [0x0A]),
        ("long line with late secret", Array((String(repeating: "x", count: 9000) + " CANARY-ZZZZZZZZZZZZ\n").utf8)),
    ]

    @Test(arguments: fixtures.indices)
    func outputIsIdenticalWhateverTheReadSizes(_ index: Int) {
        let fixture = Self.fixtures[index].bytes
        let reference = TestSupport.redact(fixture, with: Self.set)
        for chunk in [1, 2, 3, 5, 7, 13, 64, 127, 4096] {
            #expect(TestSupport.redact(fixture, with: Self.set, chunk: chunk) == reference, "chunk \(chunk)")
        }
        for readSize in [1, 3, 16, 100, 8192] {
            let configuration = RedactionConfiguration(readSize: readSize)
            #expect(TestSupport.redact(fixture, with: Self.set, chunk: 11, configuration: configuration) == reference,
                    "read size \(readSize)")
        }
        // No canary survives and the line count is kept.
        #expect(!String(decoding: reference, as: UTF8.self).contains("CANARY-"))
        #expect(reference.filter { $0 == 0x0A }.count == fixture.filter { $0 == 0x0A }.count)
        // Redacting twice equals redacting once.
        #expect(TestSupport.redact(reference, with: Self.set) == reference)
    }

    @Test func cleanInputIsByteIdentical() {
        for (name, bytes) in Self.fixtures where !String(decoding: bytes, as: UTF8.self).contains("CANARY") && !String(decoding: bytes, as: UTF8.self).contains("password") {
            #expect(TestSupport.redact(bytes, with: Self.set) == bytes, "\(name)")
        }
    }

    @Test func exactBytesAroundASecret() {
        #expect(TestSupport.redact("a\r\nkey CANARY-ABCDEFGHIJKL end\r\nz", with: Self.set) == "a\r\nkey *** end\r\nz")
        #expect(TestSupport.redact("password=hunter2\n", with: Self.set) == "password=***\n")
        #expect(TestSupport.redact("password=hunter2", with: Self.set) == "password=***")
    }

    @Test func secretSplitAcrossEveryReadBoundaryIsCaught() {
        let line = "prefix CANARY-QWERTYUIOPAS suffix\n"
        let input = Array((String(repeating: "x\n", count: 3) + line + line).utf8)
        let expected = TestSupport.redact(input, with: Self.set)
        for chunk in 1...input.count {
            let output = TestSupport.redact(input, with: Self.set, chunk: chunk)
            #expect(output == expected, "chunk \(chunk)")
        }
        #expect(!String(decoding: expected, as: UTF8.self).contains("QWERTY"))
    }

    @Test func crlfSplitBetweenReadsKeepsLines() {
        let input = Array("one CANARY-ABCDEFGHIJKL\r\ntwo\r\nthree\r\n".utf8)
        let reference = TestSupport.redact(input, with: Self.set)
        #expect(String(decoding: reference, as: UTF8.self) == "one ***\r\ntwo\r\nthree\r\n")
        let crIndex = input.firstIndex(of: 0x0D)!
        #expect(TestSupport.redact(input, with: Self.set, chunk: crIndex + 1) == reference)
    }

    // MARK: - Over-long lines

    @Test func lineAtTheLimitIsRedactedAndOneByteMoreIsMasked() {
        let limit = 64
        let configuration = RedactionConfiguration(maxLineBytes: limit, readSize: 16)
        let atLimit = "password=" + String(repeating: "a", count: limit - 9)
        #expect(atLimit.utf8.count == limit)
        #expect(TestSupport.redact(atLimit + "\n", with: Self.set, configuration: configuration) == "password=***\n")
        #expect(TestSupport.redact(atLimit + "\r\n", with: Self.set, configuration: configuration) == "password=***\r\n")
        let over = atLimit + "b"
        let input = "first\n" + over + "\nlast\n"
        #expect(TestSupport.redact(input, with: Self.set, configuration: configuration) == "first\n[REDACTED:line-too-long]\nlast\n")
        #expect(TestSupport.redact("first\n" + over + "\r\nlast", with: Self.set, configuration: configuration)
                == "first\n[REDACTED:line-too-long]\r\nlast")
        #expect(TestSupport.redact(over, with: Self.set, configuration: configuration) == "[REDACTED:line-too-long]")
    }

    @Test func overlongLineIsMaskedWithBoundedMemoryAndCounted() {
        let configuration = RedactionConfiguration(maxLineBytes: 1000, readSize: 256)
        let redactor = StreamRedactor(ruleSet: Self.set, configuration: configuration)
        var sink = ByteArraySink()
        let chunk = [UInt8](repeating: UInt8(ascii: "z"), count: 4096)
        try! "start CANARY-ABCDEFGHIJKL\n".utf8.withContiguousStorageIfAvailable { try redactor.feed(UnsafeRawBufferPointer($0), into: &sink) }
        for _ in 0..<500 { chunk.withUnsafeBytes { try! redactor.feed($0, into: &sink) } }  // 2 MB line
        try! "CANARY-ABCDEFGHIJKL tail\nnext\n".utf8.withContiguousStorageIfAvailable { try redactor.feed(UnsafeRawBufferPointer($0), into: &sink) }
        try! redactor.finish(into: &sink)
        #expect(String(decoding: sink.bytes, as: UTF8.self) == "start ***\n[REDACTED:line-too-long]\nnext\n")
        #expect(redactor.statistics.overlongLines == 1)
        #expect(redactor.statistics.lines == 3)
        #expect(redactor.statistics.bytesIn == 26 + 500 * 4096 + 25 + 5)
    }

    // MARK: - Multi-line blocks

    static let blockRule = RedactionRule(
        id: "pem", regex: #"-----BEGIN[ A-Z]{0,40}PRIVATE KEY-----((?:\\n|[A-Za-z0-9+/=])+?)-----END"#, secretGroup: 1,
        keywords: ["private key"],
        block: BlockSpec(begin: #"-----BEGIN[ A-Z]{0,40}PRIVATE KEY-----\s*$"#, end: #"-----END[ A-Z]{0,40}PRIVATE KEY-----"#, maxLines: 4))

    @Test func multiLineBlockIsMaskedLineByLine() {
        let set = TestSupport.ruleSet([Self.blockRule, TestSupport.canaryRule])
        let input = "before\n-----BEGIN RSA PRIVATE KEY-----\r\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX\r\nbody2line\r\n-----END RSA PRIVATE KEY----- after CANARY-ABCDEFGHIJKL\nclean\n"
        let expected = "before\n-----BEGIN RSA PRIVATE KEY-----\r\n***\r\n***\r\n-----END RSA PRIVATE KEY----- after ***\nclean\n"
        #expect(TestSupport.redact(input, with: set) == expected)
        for chunk in [1, 7, 33] { #expect(TestSupport.redact(input, with: set, chunk: chunk) == expected) }
        #expect(TestSupport.redact(expected, with: set) == expected)
    }

    @Test func unterminatedBlockIsMaskedUpToTheBound() {
        let set = TestSupport.ruleSet([Self.blockRule])
        let input = "-----BEGIN PRIVATE KEY-----\nl1\nl2\nl3\nl4\nl5 visible\n"
        let redactor = StreamRedactor(ruleSet: set)
        var sink = ByteArraySink()
        Array(input.utf8).withUnsafeBytes { try! redactor.feed($0, into: &sink) }
        try! redactor.finish(into: &sink)
        #expect(String(decoding: sink.bytes, as: UTF8.self) == "-----BEGIN PRIVATE KEY-----\n***\n***\n***\n***\nl5 visible\n")
        #expect(redactor.statistics.unterminatedBlocks == 1)
    }

    @Test func oneLineEscapedKeyDoesNotOpenABlock() {
        let set = TestSupport.ruleSet([Self.blockRule])
        let input = #"{"key":"-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34Gkx\n-----END RSA PRIVATE KEY-----\n"}"# + "\nnext line\n"
        let output = TestSupport.redact(input, with: set)
        #expect(output == #"{"key":"-----BEGIN RSA PRIVATE KEY-----***-----END RSA PRIVATE KEY-----\n"}"# + "\nnext line\n")
    }

    // MARK: - Fail closed

    static let catastrophic = RedactionRule(id: "slow", regex: #"(a+)+$"#, keywords: ["aaaa"])

    static func limitedSet() -> CompiledRuleSet {
        var limits = MatchLimits()
        limits.matchLimit = 1000
        return TestSupport.ruleSet([catastrophic, TestSupport.canaryRule], options: CompiledRuleSet.Options(limits: limits))
    }

    @Test(arguments: [true, false])
    func engineErrorMasksTheLine(useJIT: Bool) {
        var limits = MatchLimits()
        limits.matchLimit = 1000
        let set = TestSupport.ruleSet([Self.catastrophic, TestSupport.canaryRule],
                                      options: CompiledRuleSet.Options(limits: limits, useJIT: useJIT))
        let bad = "CANARY-ABCDEFGHIJKL " + String(repeating: "a", count: 5000) + "!"
        let input = "ok\n" + bad + "\r\nafter\n"
        let redactor = StreamRedactor(ruleSet: set)
        var sink = ByteArraySink(collectFindings: true)
        Array(input.utf8).withUnsafeBytes { try! redactor.feed($0, into: &sink) }
        try! redactor.finish(into: &sink)
        #expect(String(decoding: sink.bytes, as: UTF8.self) == "ok\n[REDACTED:engine-error]\r\nafter\n")
        #expect(redactor.statistics.engineErrors.values.reduce(0, +) == 1)
        #expect(redactor.lastEngineError?.ruleID == "slow")
        #expect(sink.findings.map(\.kind) == [.engineError])
    }

    @Test func engineErrorPoliciesDropAndPass() {
        let set = Self.limitedSet()
        let bad = String(repeating: "a", count: 5000) + "!"
        let input = "ok\n" + bad + "\nafter\n"
        #expect(TestSupport.redact(input, with: set, configuration: RedactionConfiguration(onError: .drop)) == "ok\nafter\n")
        #expect(TestSupport.redact(input, with: set, configuration: RedactionConfiguration(onError: .pass)) == input)
    }

    // MARK: - Findings and statistics

    @Test func findingsCarryPositionsNotSecrets() {
        let redactor = StreamRedactor(ruleSet: Self.set)
        var sink = ByteArraySink(collectFindings: true)
        Array("x\nab CANARY-ABCDEFGHIJKL password=pw12345\n".utf8).withUnsafeBytes { try! redactor.feed($0, into: &sink) }
        try! redactor.finish(into: &sink)
        #expect(sink.findings == [
            RedactionFinding(kind: .match, ruleID: "canary", line: 2, column: 4, length: 19),
            RedactionFinding(kind: .match, ruleID: "pw", line: 2, column: 33, length: 7),
        ])
        let stats = redactor.statistics
        #expect(stats.redactionsByRule == ["canary": 1, "pw": 1])
        #expect(stats.lines == 2 && stats.linesRedacted == 1)
    }
}
