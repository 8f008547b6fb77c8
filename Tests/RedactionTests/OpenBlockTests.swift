import Foundation
import Testing
@testable import Redaction

/// Restoring block state in a new redactor (what `redact follow` does after a restart).
@Suite struct OpenBlockTests {
    /// Feeds `before` to one redactor, moves its open block to a second one, feeds it `after`.
    /// - Returns: the first redactor's open block, the second one's output and its open block.
    static func restore(_ set: CompiledRuleSet, before: String, after: String) -> (OpenBlock?, String, OpenBlock?) {
        let first = StreamRedactor(ruleSet: set)
        var sink = ByteArraySink()
        Array(before.utf8).withUnsafeBytes { try! first.feed($0, into: &sink) }
        let second = StreamRedactor(ruleSet: set)
        second.openBlock = first.openBlock
        var rest = ByteArraySink()
        Array(after.utf8).withUnsafeBytes { try! second.feed($0, into: &rest) }
        try! second.finish(into: &rest)
        return (first.openBlock, String(decoding: rest.bytes, as: UTF8.self), second.openBlock)
    }

    @Test func aNewRedactorContinuesAnOpenBlock() {
        let set = TestSupport.ruleSet([StreamRedactorTests.blockRule])
        let (open, output, after) = Self.restore(set, before: "x\n-----BEGIN PRIVATE KEY-----\nAAAA\n",
                                                 after: "BBBB\n-----END PRIVATE KEY-----\nafter\n")
        #expect(open == OpenBlock(ruleID: "pem", linesMasked: 1))
        #expect(output == "***\n-----END PRIVATE KEY-----\nafter\n")
        #expect(after == nil)
        let redactor = StreamRedactor(ruleSet: set)
        redactor.openBlock = OpenBlock(ruleID: "not-a-block-rule", linesMasked: 0)
        #expect(redactor.openBlock == nil)
    }

    /// A value block (its key seen, its value not yet) continues the same way.
    @Test func aNewRedactorContinuesAnOpenValueBlock() {
        let set = TestSupport.ruleSet([ValueBlockTests.defaultRule])
        let (open, output, after) = Self.restore(set, before: "variable \"db_password\" {\n  type = string\n",
                                                 after: "  default = \"Hunter2-Rotated\"\n}\n")
        #expect(open == OpenBlock(ruleID: "hcl", linesMasked: 1))
        #expect(output == "  default = \"***\"\n}\n")
        #expect(after == nil)
    }
}
