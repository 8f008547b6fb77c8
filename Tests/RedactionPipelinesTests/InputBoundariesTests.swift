import Testing
@testable import RedactionPipelines

/// ``InputBoundaries``: stream positions map back to (file, line, column) across file boundaries,
/// including lines that run across files and empty files.
@Suite struct InputBoundariesTests {
    /// Feeds `files` (each as one chunk, as `redact` reads them) and returns the boundaries.
    static func boundaries(_ files: [(String, String)]) -> InputBoundaries {
        var boundaries = InputBoundaries()
        var completedLines = 0
        for (name, text) in files {
            boundaries.begin(name, completedLines: completedLines)
            var bytes = Array(text.utf8)
            bytes.withUnsafeMutableBytes { boundaries.consumed(UnsafeRawBufferPointer($0)) }
            completedLines += text.filter { $0 == "\n" }.count
        }
        return boundaries
    }

    @Test func positionsMapToTheFileHoldingTheirFirstByte() {
        // Stream: "a\nbc" + "" + "de\nf" + "g\n"  ->  lines: "a", "bcde", "fg"
        let boundaries = Self.boundaries([("one", "a\nbc"), ("empty", ""), ("two", "de\nf"), ("three", "g\n")])
        #expect(boundaries.locate(line: 1, column: 1)! == ("one", 1, 1))
        #expect(boundaries.locate(line: 2, column: 2)! == ("one", 2, 2))       // "c"
        #expect(boundaries.locate(line: 2, column: 3)! == ("two", 1, 1))       // "d": the empty file holds nothing
        #expect(boundaries.locate(line: 2, column: 4)! == ("two", 1, 2))
        #expect(boundaries.locate(line: 3, column: 1)! == ("two", 2, 1))       // "f"
        #expect(boundaries.locate(line: 3, column: 2)! == ("three", 1, 1))     // "g"
    }

    @Test func chunksWithoutNewlinesAccumulate() {
        var boundaries = InputBoundaries()
        boundaries.begin("one", completedLines: 0)
        for chunk in ["ab", "cd", "e"] {
            var bytes = Array(chunk.utf8)
            bytes.withUnsafeMutableBytes { boundaries.consumed(UnsafeRawBufferPointer($0)) }
        }
        boundaries.begin("two", completedLines: 0)
        #expect(boundaries.starts.last == InputBoundaries.Start(name: "two", line: 1, column: 6))
        #expect(boundaries.locate(line: 1, column: 5)! == ("one", 1, 5))
        #expect(boundaries.locate(line: 1, column: 6)! == ("two", 1, 1))
        #expect(InputBoundaries().locate(line: 1, column: 1) == nil)
    }
}
