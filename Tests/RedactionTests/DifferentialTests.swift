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
