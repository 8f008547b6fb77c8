import Foundation
import Testing
@testable import Redaction

/// Docker json-file split records: the daemon writes a container line longer than 16 KiB as
/// several records, only the last one's `log` ending in `\n`; a secret cut by the split is masked
/// in every record that holds a part of it, and each record stays valid JSON on its own line.
@Suite struct DockerSplitRecordTests {
    static let token = RecordLayerTests.token

    /// The records Docker writes for `line` (which ends with its newline), `stream` each.
    static func records(_ line: String, stream: String = "stdout") -> [String] {
        let bytes = Array(line.utf8)
        return stride(from: 0, to: bytes.count, by: DockerRecord.splitBytes).enumerated().map { index, start in
            let part = String(decoding: bytes[start..<min(bytes.count, start + DockerRecord.splitBytes)], as: UTF8.self)
            return "{\"log\":\(JSONStringCodec.encode(part)),\"stream\":\"\(stream)\",\"time\":\"2024-05-01T10:00:0\(index)Z\"}"
        }
    }

    /// The decoded `log` values of `output`'s records, one per line.
    static func logs(_ output: String) throws -> [String] {
        try output.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return try #require(object?["log"] as? String)
        }
    }

    @Test(arguments: [0, 1, 4093, 16_384])
    func aTokenCutByTheSplitIsMaskedInBothRecords(_ chunk: Int) throws {
        // The split falls 10 bytes into the token.
        let padding = String(repeating: "a", count: DockerRecord.splitBytes - "calling api  token=".count - 10)
        let line = "calling api " + padding + " token=" + Self.token + " status=200\n"
        let records = Self.records(line)
        #expect(records.count == 2)
        let input = records.joined(separator: "\n") + "\n"
        let output = TestSupport.redact(input, with: TestSupport.builtin, chunk: chunk)
        let logs = try Self.logs(output)
        #expect(logs.count == 2)
        let tail = String(Self.token.suffix(Self.token.count - 10))
        #expect(!output.contains(Self.token.prefix(10)) && !output.contains(tail.prefix(8)))
        #expect(logs[0].hasPrefix("calling api aaa") && logs[0].contains(" token="))
        #expect(logs[1].hasSuffix(" status=200\n"))
        #expect(TestSupport.redact(output, with: TestSupport.builtin) == output)
    }

    /// The container logs JSON itself: its line, joined and decoded, is read as a record (a value
    /// under `password` with an escaped quote in it, cut by the split).
    @Test func anApplicationRecordCutByTheSplitIsReadWhole() throws {
        let padding = String(repeating: "b", count: DockerRecord.splitBytes - 40)
        let line = "{\"level\":\"info\",\"msg\":\"\(padding)\",\"password\":\"Sup3r\\\"Secret-99\"}\n"
        let input = Self.records(line).joined(separator: "\n") + "\n"
        let output = TestSupport.redact(input, with: TestSupport.builtin)
        let logs = try Self.logs(output)
        #expect(logs.count == 2)
        #expect(!output.contains("Sup3r") && !output.contains("Secret-99"))
        let application = try JSONSerialization.jsonObject(with: Data(logs.joined().utf8)) as? [String: Any]
        #expect(application?["level"] as? String == "info")
        #expect(TestSupport.redact(output, with: TestSupport.builtin) == output)
    }

    /// A split at another size than the daemon's (a shipper's, or an unterminated last output
    /// continued after a restart): the run is joined all the same, whatever the cut.
    @Test(arguments: [3, 10, 25])
    func aShortSplitIsJoinedToo(_ cut: Int) throws {
        let line = "proxy -> backend password=" + Self.token + " status=200\n"
        let bytes = Array(line.utf8)
        let split = "proxy -> backend password=".utf8.count + cut
        let parts = [String(decoding: bytes[..<split], as: UTF8.self), String(decoding: bytes[split...], as: UTF8.self)]
        let input = parts.enumerated().map { index, part in
            "{\"log\":\(JSONStringCodec.encode(part)),\"stream\":\"stdout\",\"time\":\"2024-05-01T10:00:0\(index)Z\"}"
        }.joined(separator: "\n") + "\n"
        for chunk in [0, 7] {
            let output = TestSupport.redact(input, with: TestSupport.builtin, chunk: chunk)
            let logs = try Self.logs(output)
            #expect(logs.count == 2)
            let tail = String(Self.token.suffix(Self.token.count - cut))
            #expect(!logs[1].contains(tail.prefix(min(8, tail.count))), "cut \(cut): \(logs)")
            #expect(logs[0].hasPrefix("proxy -> backend password=") && logs[1].hasSuffix(" status=200\n"))
        }
    }

    /// A record of the other stream in between ends the run; with no continuation the partial
    /// record is an ordinary record, and the other stream's record is handled on its own.
    @Test func anotherStreamInBetweenIsHandledOnItsOwn() {
        let padding = String(repeating: "c", count: DockerRecord.splitBytes)
        let first = Self.records(padding + " first half")[0]
        let other = "{\"log\":\"other stream\\n\",\"stream\":\"stderr\",\"time\":\"2024-05-01T10:00:01Z\"}"
        let input = first + "\n" + other + "\n"
        #expect(TestSupport.redact(input, with: TestSupport.builtin) == input)
    }

    /// A partial record that nothing continues still gets the record layer: a sensitive value in
    /// its other members is masked.
    @Test func aLonePartialRecordIsAnOrdinaryRecord() {
        let padding = String(repeating: "d", count: DockerRecord.splitBytes)
        let input = "{\"log\":\"\(padding)\",\"stream\":\"stdout\",\"attrs\":{\"api_token\":\"\(Self.token)\"}}\nplain line\n"
        let output = TestSupport.redact(input, with: TestSupport.builtin)
        #expect(!output.contains(Self.token))
        #expect(output.contains(padding) && output.hasSuffix("\nplain line\n"))
    }

    @Test func findsTheNewlineEscapeAtTheEnd() {
        func ends(_ body: String) -> Bool { Array(body.utf8).withUnsafeBytes { DockerRecord.endsWithNewlineEscape($0) } }
        #expect(ends(#"done\n"#))
        #expect(ends(#"done\u000a"#) && ends(#"done\u000A"#))
        #expect(ends(#"path C:\\\n"#))  // an escaped backslash, then the newline
        #expect(!ends(#"path C:\\n"#))  // an escaped backslash, then the letter n
        #expect(!ends("done") && !ends("n") && !ends(""))
    }
}
