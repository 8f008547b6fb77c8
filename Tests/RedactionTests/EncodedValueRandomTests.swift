import Foundation
import Testing
@testable import Redaction

/// Random lines built from the decoders' syntax (escapes, base64, quotes, prefixes, keys): the
/// engine never fails on them, keeps the line count, and its output is stable when redacted again.
/// (Pieces are glued without separators, so whether a token survives is the rules' business here.)
@Suite struct EncodedValueRandomTests {
    /// A small deterministic generator (SplitMix64), so a failure reproduces.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces: [String] = [
        "%3D", "%26", "%3A", "%2F", "%25", "%40", "%2", "%", "=", ":", " ", "\"", "'", "b'", "b\"", "\\", "[", "]",
        "auth", "Basic ", "_B64", "password", "token", "tls.key", "key", "=>", "dXNlcjpwYXNz", "c3ZjOlR6Ni1XcTk=",
        "Z2hwX1pxOHhXMm1MNW5SN3RZMXZLM3BDYTlIZDRKZjZHczBCYjJObg==", "LS0tLS1CRUdJTi", "==", "***", "Hx8-pQ2zLw",
        "ghp_Zq8xW2mL5nR7tY1vK3pCa9Hd4Jf6Gs0Bb2Nn", "https://", "@", "?", "&", "\u{00E9}", "\u{1F511}",
    ]

    @Test func randomEncodedLinesAreHandledAndStable() {
        var generator = SplitMix(state: 0x5EED_DEC0_DE00_0001)
        var lines: [String] = []
        for _ in 0..<1500 {
            let count = Int.random(in: 1...24, using: &generator)
            lines.append((0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }.joined())
        }
        let input = lines.joined(separator: "\n") + "\n"
        let once = TestSupport.redact(input, with: TestSupport.builtin)
        #expect(once.split(separator: "\n", omittingEmptySubsequences: false).count == lines.count + 1)
        let twice = TestSupport.redact(once, with: TestSupport.builtin)
        let onceLines = once.split(separator: "\n", omittingEmptySubsequences: false)
        let twiceLines = twice.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, (a, b)) in zip(onceLines, twiceLines).enumerated() where a != b {
            Issue.record("line \(index) changed when redacted again: \(lines[index])")
        }
    }
}
