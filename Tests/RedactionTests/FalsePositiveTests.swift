import Foundation
import Testing
@testable import Redaction

/// Real logs with no secrets must come out byte-identical.
@Suite struct FalsePositiveTests {
    static let files: [String] = (try? FileManager.default.contentsOfDirectory(atPath: TestSupport.loghubDirectory.path))?
        .filter { $0.hasSuffix(".log") }.sorted() ?? []

    @Test func corpusIsPresent() { #expect(Self.files.count == 16) }

    @Test(arguments: files)
    func loghubFileIsUnchanged(_ file: String) throws {
        let input = try [UInt8](Data(contentsOf: TestSupport.loghubDirectory.appendingPathComponent(file)))
        let output = TestSupport.redact(input, with: TestSupport.builtin)
        if output != input {
            let inLines = input.split(separator: 0x0A, omittingEmptySubsequences: false)
            let outLines = output.split(separator: 0x0A, omittingEmptySubsequences: false)
            let changed = zip(inLines, outLines).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
            Issue.record("\(file): lines changed: \(changed.prefix(20))")
        }
    }
}
