import Foundation
import Testing
@testable import Redaction

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
