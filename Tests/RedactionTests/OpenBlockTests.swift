import Foundation
import Testing
@testable import Redaction

/// Restoring block state in a new redactor (what `redact follow` does after a restart).
@Suite struct OpenBlockTests {
    @Test func aNewRedactorContinuesAnOpenBlock() {
        let set = TestSupport.ruleSet([StreamRedactorTests.blockRule])
        let first = StreamRedactor(ruleSet: set)
        var sink = ByteArraySink()
        Array("x\n-----BEGIN PRIVATE KEY-----\nAAAA\n".utf8).withUnsafeBytes { try! first.feed($0, into: &sink) }
        #expect(first.openBlock == OpenBlock(ruleID: "pem", linesMasked: 1))
        let second = StreamRedactor(ruleSet: set)
        second.openBlock = first.openBlock
        var rest = ByteArraySink()
        Array("BBBB\n-----END PRIVATE KEY-----\nafter\n".utf8).withUnsafeBytes { try! second.feed($0, into: &rest) }
        try! second.finish(into: &rest)
        #expect(String(decoding: rest.bytes, as: UTF8.self) == "***\n-----END PRIVATE KEY-----\nafter\n")
        #expect(second.openBlock == nil)
        second.openBlock = OpenBlock(ruleID: "not-a-block-rule", linesMasked: 0)
        #expect(second.openBlock == nil)
    }
}
