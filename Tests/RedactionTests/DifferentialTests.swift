import Foundation
import Testing
@testable import Redaction

/// Properties checked against generated input: JIT and interpreter agree, output does not depend
/// on read sizes, and redaction is idempotent.
@Suite struct DifferentialTests {
    /// Every built-in sample and every loghub line: JIT and interpreter give identical output
    /// (neither hits a limit on these lines).
    @Test func jitAndInterpreterAgree() throws {
        let interpreter = try RuleSetBuilder(builtinSamples: true).build(options: CompiledRuleSet.Options(useJIT: false))
        #expect(!interpreter.compileAllJIT())
        var inputs: [String] = TestSupport.builtin.rules.flatMap { $0.mustRedact + $0.mustKeep }
        for file in FalsePositiveTests.files.prefix(4) {
            let text = try String(decoding: Data(contentsOf: TestSupport.loghubDirectory.appendingPathComponent(file)), as: UTF8.self)
            inputs.append(String(text.prefix(60_000)))
        }
        for input in inputs {
            #expect(TestSupport.redact(input, with: TestSupport.builtin) == TestSupport.redact(input, with: interpreter))
        }
    }

    /// Random mixes of real log text, secrets from the rule samples, CRLF, NUL and invalid bytes,
    /// fed at random read sizes: identical output, no sample secret left, idempotent.
    @Test func randomStreamsAreReadSizeInvariantAndIdempotent() {
        var generator = SplitMix64(seed: 0x5EED)
        let secrets = TestSupport.builtin.rules.filter { $0.block == nil }.flatMap(\.mustRedact)
        let fillers: [[UInt8]] = [Array("INFO request served in 12ms ".utf8), Array("user=alice ".utf8), [0x00], [0xFF, 0xFE],
                                  Array("\r\n".utf8), Array("\n".utf8), Array("{\"k\":\"v\"} ".utf8), Array("é ".utf8)]
        for round in 0..<60 {
            var input: [UInt8] = []
            for _ in 0..<Int.random(in: 5...40, using: &generator) {
                if Int.random(in: 0..<4, using: &generator) == 0 {
                    input += Array(secrets.randomElement(using: &generator)!.utf8) + [0x0A]
                } else {
                    input += fillers.randomElement(using: &generator)!
                }
            }
            let reference = TestSupport.redact(input, with: TestSupport.builtin)
            let chunk = Int.random(in: 1...97, using: &generator)
            let readSize = Int.random(in: 1...4096, using: &generator)
            let chunked = TestSupport.redact(input, with: TestSupport.builtin, chunk: chunk,
                                             configuration: RedactionConfiguration(readSize: readSize))
            #expect(chunked == reference, "round \(round): chunk \(chunk) read size \(readSize)")
            #expect(TestSupport.redact(reference, with: TestSupport.builtin) == reference, "round \(round): not idempotent")
            #expect(reference.filter { $0 == 0x0A }.count == input.filter { $0 == 0x0A }.count)
        }
    }
}

/// A small deterministic generator so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The buffer path (one keyword search per buffer, only lines with a keyword looked at) and the
/// line path (every line searched on its own) give identical output, counters and findings.
@Suite struct BufferPathTests {
    static func run(_ input: [UInt8], _ set: CompiledRuleSet, everyLine: Bool, chunk: Int,
                    readSize: Int = 64 * 1024) -> (bytes: [UInt8], stats: RedactionStatistics, findings: [RedactionFinding]) {
        var configuration = RedactionConfiguration(readSize: readSize)
        configuration.scansEveryLine = everyLine
        let redactor = StreamRedactor(ruleSet: set, configuration: configuration)
        var sink = ByteArraySink(collectFindings: true)
        input.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let end = min(buffer.count, offset + chunk)
                try! redactor.feed(UnsafeRawBufferPointer(rebasing: buffer[offset..<end]), into: &sink)
                offset = end
            }
            try! redactor.finish(into: &sink)
        }
        return (sink.bytes, redactor.statistics, sink.findings)
    }

    static func expectSame(_ input: [UInt8], _ set: CompiledRuleSet, chunk: Int, readSize: Int = 64 * 1024,
                           _ comment: Comment) {
        let lines = run(input, set, everyLine: true, chunk: chunk, readSize: readSize)
        let buffer = run(input, set, everyLine: false, chunk: chunk, readSize: readSize)
        #expect(buffer.bytes == lines.bytes, comment)
        #expect(buffer.stats == lines.stats, comment)
        #expect(buffer.findings == lines.findings, comment)
    }

    @Test(arguments: FalsePositiveTests.files)
    func loghubFilesWithSecretsMixedIn(_ file: String) throws {
        var input = try [UInt8](Data(contentsOf: TestSupport.loghubDirectory.appendingPathComponent(file)))
        // Every 50th line gets a sample secret line after it, so changed lines sit between clean runs.
        let secrets = TestSupport.builtin.rules.filter { $0.block == nil }.flatMap(\.mustRedact)
        var mixed: [UInt8] = []
        var line = 0
        for byte in input {
            mixed.append(byte)
            if byte == 0x0A {
                line += 1
                if line % 50 == 0 { mixed += Array(secrets[line % secrets.count].utf8) + [0x0A] }
            }
        }
        input = mixed
        for chunk in [input.count, 4096, 333] {
            Self.expectSame(input, TestSupport.builtin, chunk: chunk, "\(file) chunk \(chunk)")
        }
    }

    @Test func everySampleAndKeyBlocks() {
        var input: [UInt8] = []
        for rule in TestSupport.builtin.rules {
            for sample in rule.mustRedact + rule.mustKeep { input += Array(sample.utf8) + [0x0A] }
        }
        input += Array("tail without newline password=abc".utf8)
        for (chunk, readSize) in [(input.count, 64 * 1024), (997, 4096), (61, 128)] {
            Self.expectSame(input, TestSupport.builtin, chunk: chunk, readSize: readSize, "chunk \(chunk)")
        }
    }
}

/// Keyword-window rules (`keywordWindow`) give the same output as the same rules searched at
/// every position, on every built-in sample and every trap fixture line.
@Suite struct KeywordWindowTests {
    @Test func windowedAndFullSearchAgree() throws {
        let rules = TestSupport.builtin.rules
        #expect(rules.contains { $0.keywordWindow != nil })
        let full = try CompiledRuleSet(rules: rules.map { rule in
            var copy = rule
            copy.keywordWindow = nil
            return copy
        })
        var inputs: [String] = rules.flatMap { $0.mustRedact + $0.mustKeep }
        for fixture in ["traps/modern-app.log", "traps/service-mentions.log"] {
            let url = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/" + fixture)
            inputs += try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        }
        var differing: [String] = []
        for input in inputs where TestSupport.redact(input, with: TestSupport.builtin) != TestSupport.redact(input, with: full) {
            differing.append(String(input.prefix(60)))
        }
        #expect(differing.isEmpty, "\(differing.count) lines differ, e.g. \(differing.prefix(3))")
    }
}
