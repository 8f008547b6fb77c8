import Foundation
import Testing
@testable import Redaction

/// CRI partial records (issue 9 item 1): a secret split by the runtime across records is masked.
@Suite struct CRIRecordTests {
    static let token = RecordLayerTests.token

    static func records(_ parts: [(String, String)]) -> String {
        parts.enumerated().map { index, part in
            "2024-05-01T10:00:00.00000000\(index)Z stdout \(part.0) \(part.1)"
        }.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [0, 1, 7, 64])
    func aTokenSplitAcrossPartialRecordsIsMasked(_ chunk: Int) {
        let cut = Self.token.index(Self.token.startIndex, offsetBy: 10)
        let input = Self.records([("P", "calling api with token=" + Self.token[..<cut]),
                                  ("F", Self.token[cut...] + " status=200")])
        let output = TestSupport.redact(input, with: TestSupport.builtin, chunk: chunk)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("2024-05-01T10:00:00.000000000Z stdout P calling api with token="))
        #expect(lines[1].hasPrefix("2024-05-01T10:00:00.000000001Z stdout F "))
        #expect(lines[1].hasSuffix(" status=200"))
        #expect(!output.contains(Self.token[..<cut]) && !output.contains(Self.token[cut...]))
        #expect(TestSupport.redact(output, with: TestSupport.builtin) == output)
    }

    @Test func aPasswordKeySplitFromItsValueIsMasked() {
        let input = Self.records([("P", "db connect user=app pass"), ("P", "word=Hunt3r-2-Secret"), ("F", " ok")])
        let output = TestSupport.redact(input, with: TestSupport.builtin)
        #expect(!output.contains("Hunt3r-2-Secret"))
        #expect(output.split(separator: "\n").count == 3)
        #expect(output.contains("stdout F  ok"))
    }

    @Test func anotherStreamInBetweenIsHandledOnItsOwn() {
        let input = "2024-05-01T10:00:00.1Z stdout P first half\n2024-05-01T10:00:00.2Z stderr F other stream\n"
            + "2024-05-01T10:00:00.3Z stdout F second half\n"
        #expect(TestSupport.redact(input, with: TestSupport.builtin) == input)
    }

    @Test func parsesOnlyCRILines() {
        func parse(_ line: String) -> CRIRecord? { Array(line.utf8).withUnsafeBytes { CRIRecord.parse($0) } }
        #expect(parse("2024-05-01T10:00:00.123456789Z stdout P hello")?.isPartial == true)
        #expect(parse("2024-05-01T10:00:00Z stderr F hello")?.isPartial == false)
        #expect(parse("2024-05-01T10:00:00Z stderr F") != nil)
        #expect(parse("2024-05-01 10:00:00 stdout P hello") == nil)
        #expect(parse("2024-05-01T10:00:00Z stdin P hello") == nil)
        #expect(parse("2024-05-01T10:00:00Z stdout X hello") == nil)
    }
}
