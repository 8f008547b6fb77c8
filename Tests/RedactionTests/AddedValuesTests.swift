import Testing
@testable import Redaction

/// ``AddedValues``: the rest of a search window is searched again only when a value added on a
/// line occurs in it; the output is the same as searching again after every change.
@Suite struct AddedValuesTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func findsOnlyTheValuesAdded() {
        var added = AddedValues()
        #expect(added.isEmpty)
        Self.bytes("Hunter2xyz").withUnsafeBytes { added.add($0) }
        Self.bytes("Qz8-Lp3-Wm").withUnsafeBytes { added.add($0) }
        #expect(Self.bytes("later line with Qz8-Lp3-Wm in it").withUnsafeBytes { added.mayOccur(in: $0) })
        #expect(Self.bytes("later line with Hunter2xyz").withUnsafeBytes { added.mayOccur(in: $0) })
        #expect(!Self.bytes("later line with Hunter2xy and Qz8-Lp3").withUnsafeBytes { added.mayOccur(in: $0) })
        added.removeAll()
        #expect(added.isEmpty)
        #expect(!Self.bytes("Hunter2xyz").withUnsafeBytes { added.mayOccur(in: $0) })
    }

    @Test func anUnlistedChangeAlwaysMayOccur() {
        var added = AddedValues()
        added.markUnknown()
        #expect(!added.isEmpty)
        #expect(Self.bytes("anything").withUnsafeBytes { added.mayOccur(in: $0) })
    }

    /// Dense input: every line adds an echo, and some values come back bare a few lines later
    /// (in the same search window); every read size, and the every-line path, agree.
    @Test(arguments: [0, 7, 64, 4096])
    func denseEchoesMatchAFullSearchAfterEveryChange(chunk: Int) {
        var lines: [String] = []
        var expected: [String] = []
        for index in 0..<300 {
            let secret = "Sx\(index)-Kq9v-\(index * 7919 % 1000)"
            lines.append("req \(index) password=\(secret) ok")
            expected.append("req \(index) password=[pw] ok")
            if index % 5 == 4 {
                let earlier = "Sx\(index - 3)-Kq9v-\((index - 3) * 7919 % 1000)"
                lines.append("retry \(index) with \(earlier) done")
                expected.append("retry \(index) with [echo] done")
            }
        }
        let input = lines.joined(separator: "\n") + "\n"
        #expect(EchoAndKnownValueTests.redact(input, chunk: chunk) == expected.joined(separator: "\n") + "\n")
        #expect(EchoAndKnownValueTests.redact(input, chunk: chunk, everyLine: true) == expected.joined(separator: "\n") + "\n")
    }
}
