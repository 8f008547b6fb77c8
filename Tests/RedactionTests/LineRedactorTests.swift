import Testing
@testable import Redaction

/// ``LineRedactor``, the line loop under both the stream and the one-shot paths: what it
/// consumes, what it writes (clean runs as one slice), its counters, and over-long lines.
@Suite struct LineRedactorTests {
    static let set = TestSupport.ruleSet([TestSupport.canaryRule, TestSupport.passwordRule])

    /// A sink that keeps the bytes and counts the writes.
    struct RecordingSink: RedactionSink {
        var bytes: [UInt8] = []
        var writes = 0
        mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
            self.bytes += bytes
            writes += 1
        }
    }

    static func redactor(maxLineBytes: Int = 1 << 20) -> LineRedactor {
        LineRedactor(ruleSet: set, scratch: set.makeScratch(), configuration: RedactionConfiguration(maxLineBytes: maxLineBytes))
    }

    static func process(_ text: String, isFinal: Bool, emitUnchanged: Bool = true, with redactor: inout LineRedactor)
        -> (consumed: Int, changed: Bool, sink: RecordingSink)
    {
        var sink = RecordingSink()
        let bytes = Array(text.utf8)
        let result = try! bytes.withUnsafeBytes {
            try redactor.process($0, isFinal: isFinal, emitUnchanged: emitUnchanged, into: &sink)
        }
        return (result.consumed, result.changed, sink)
    }

    @Test func consumesTheCompleteLinesOnly() {
        var redactor = Self.redactor()
        let text = "a\nb password=hunter22\npartial"
        let result = Self.process(text, isFinal: false, with: &redactor)
        #expect(result.consumed == text.utf8.count - "partial".utf8.count)
        #expect(result.changed)
        #expect(String(decoding: result.sink.bytes, as: UTF8.self) == "a\nb password=***\n")
        #expect(redactor.lineNumber == 2)
        #expect(redactor.statistics.bytesIn == result.consumed)
    }

    @Test func withoutANewlineNothingIsConsumedUntilTheEnd() {
        var redactor = Self.redactor()
        let open = Self.process("password=hunter22", isFinal: false, with: &redactor)
        #expect(open.consumed == 0 && !open.changed && open.sink.bytes.isEmpty)
        let final = Self.process("password=hunter22", isFinal: true, with: &redactor)
        #expect(final.consumed == "password=hunter22".utf8.count)
        #expect(String(decoding: final.sink.bytes, as: UTF8.self) == "password=***")
        #expect(redactor.lineNumber == 1)
    }

    @Test func cleanLinesReachTheSinkAsOneSlice() {
        var redactor = Self.redactor()
        let text = "alpha\nbeta\r\ngamma\n"
        let result = Self.process(text, isFinal: false, with: &redactor)
        #expect(!result.changed)
        #expect(result.sink.writes == 1)
        #expect(result.sink.bytes == Array(text.utf8))
        #expect(redactor.statistics.lines == 3)
    }

    @Test func aChangedLineSplitsTheOutputAroundItsSecret() {
        var redactor = Self.redactor()
        let result = Self.process("one\nx CANARY-ABCDEFGHIJKL y\nthree\n", isFinal: false, with: &redactor)
        #expect(String(decoding: result.sink.bytes, as: UTF8.self) == "one\nx *** y\nthree\n")
        #expect(result.sink.writes == 3)  // the clean run before, the rendered line, the rest
        let statistics = redactor.statistics
        #expect(statistics.linesRedacted == 1)
        #expect(statistics.redactionsByRule == ["canary": 1])
    }

    @Test func withoutEmitUnchangedACleanBufferWritesNothing() {
        var redactor = Self.redactor()
        let clean = Self.process("alpha\nbeta\n", isFinal: false, emitUnchanged: false, with: &redactor)
        #expect(clean.consumed == 11 && !clean.changed && clean.sink.bytes.isEmpty)
        let dirty = Self.process("alpha\npassword=hunter22\n", isFinal: false, emitUnchanged: false, with: &redactor)
        #expect(dirty.changed)
        #expect(String(decoding: dirty.sink.bytes, as: UTF8.self) == "alpha\npassword=***\n")
    }

    @Test func anOverlongLineBecomesOneMarkerLine() {
        var redactor = Self.redactor(maxLineBytes: 8)
        let result = Self.process("0123456789abc\r\nok\n", isFinal: false, with: &redactor)
        #expect(String(decoding: result.sink.bytes, as: UTF8.self) == "[REDACTED:line-too-long]\r\nok\n")
        let statistics = redactor.statistics
        #expect(statistics.overlongLines == 1)
        #expect(statistics.lines == 2)
        #expect(statistics.linesRedacted == 1)
    }

    @Test func aLineAtTheLimitIsScanned() {
        var redactor = Self.redactor(maxLineBytes: 8)
        let result = Self.process("12345678\n", isFinal: false, with: &redactor)
        #expect(result.sink.bytes == Array("12345678\n".utf8))
        #expect(redactor.statistics.overlongLines == 0)
    }
}
