import Redaction
@testable import RedactionFollow
import SystemPackage
import Testing

/// `TailedFile` on its own: the committed offset comes from the redactor's count of unfinished
/// bytes, at every read size and through over-long lines.
@Suite("Tailed file")
struct TailedFileTests {
    static let content: [UInt8] = Array(("short\n" + String(repeating: "x", count: 300) + "\nmid line\r\n"
        + String(repeating: "y", count: 90) + "\n\nlast without newline").utf8)

    @Test("after every read the checkpoint offset is just after the last newline read",
          arguments: [1, 7, 64, 4096])
    func committedOffsetFollowsLineEnds(readSize: Int) throws {
        let clock = ManualClock()
        let fileSystem = MemoryFileSystem(clock: clock)
        fileSystem.makeDirectories("/logs")
        fileSystem.append(String(decoding: Self.content, as: UTF8.self), to: "/logs/app.log")
        let output = try FollowOutput(path: nil, fileSystem: fileSystem)
        let configuration = RedactionConfiguration(maxLineBytes: 100, readSize: readSize)
        let redactor = StreamRedactor(ruleSet: FollowWorld.ruleSet, configuration: configuration)
        let file = try fileSystem.openForReading("/logs/app.log", followingSymlinks: true)
        let tailed = TailedFile(identity: try file.status().identity, followedPath: "/logs/app.log", path: "/logs/app.log",
                                file: file, offset: 0, redactor: redactor, withFilename: false, now: 0)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: readSize, alignment: 16)
        defer { buffer.deallocate() }
        var sink = LinePrefixingSink(output: output, prefix: [])
        var outcome = TailedFile.ReadOutcome.budgetExhausted
        while outcome == .budgetExhausted {
            outcome = try tailed.read(into: buffer, budget: readSize, sink: &sink).outcome
            let read = Int(tailed.readOffset)
            let expected = (Self.content[..<read].lastIndex(of: 0x0A)).map { $0 + 1 } ?? 0
            #expect(tailed.checkpoint(status: .active).offset == Int64(expected), "after \(read) bytes")
        }
        #expect(outcome == .endOfFile)
        #expect(tailed.hasPartialLine)
        try output.flush()
        #expect(fileSystem.stdoutText == "short\n[REDACTED:line-too-long]\nmid line\r\n" + String(repeating: "y", count: 90) + "\n\n")
        // The checkpoint's window is the 32 bytes before the offset.
        let saved = tailed.checkpoint(status: .active)
        let offset = Int(saved.offset)
        #expect(saved.windowLength == 32)
        #expect(saved.windowHash == ContentHash.of(Array(Self.content[(offset - 32)..<offset])))
        #expect(saved.headHash == ContentHash.of(Array(Self.content[0..<64])))
    }
}
