import Testing
@testable import Redaction

/// The keyword prefilter against a naive search.
@Suite struct LiteralScannerTests {
    /// 1- and 2-byte keywords (checked directly) beside 4-byte anchors.
    static let keywords = [["ghp_", "gho_"], ["password", "passwd"], ["pass"], ["akia"], ["Bearer "], ["ssap"],
                           ["a"], ["x@"], ["[`"]]

    /// Keywords of 4+ bytes only: 4-byte anchors.
    static let longKeywords = [["ghp_", "gho_"], ["password", "passwd"], ["pass"], ["akia"], ["Bearer "], ["ssap"],
                               ["aaaa"], ["x@[`"], ["abab"]]

    /// A few 3-byte keywords: anchored at each byte that can follow them, and checked at the end.
    static let threeByteKeywords = [["ghp_", "gho_"], ["password", "passwd"], ["key"], ["pw="], ["Bearer "], ["ssap"],
                                    ["x@[`"], ["abab"]]

    /// More 3-byte keywords than the expansion takes: every anchor is 3 bytes.
    static let manyThreeByteKeywords: [[String]] = {
        let letters = Array("ghpoaskibez=@`xy")  // no two fold together: 75 distinct keywords
        var keywords: [[String]] = [["password"], ["ghp_"]]
        for a in letters.prefix(5) { for b in letters.suffix(15) { keywords.append([String([a, b, "e"])]) } }
        return keywords
    }()

    /// Every occurrence, with its end offset and the rules of its keyword, case-insensitively, with
    /// every search loop (the vector one reads 16 bytes per step: texts run past several steps).
    @Test(arguments: [Self.keywords, Self.longKeywords, Self.threeByteKeywords, Self.manyThreeByteKeywords],
          [LiteralScanner.Kernel.automatic, .scalar])
    func reportsEveryOccurrenceWithItsRules(_ keywords: [[String]], kernel: LiteralScanner.Kernel) {
        let scanner = LiteralScanner(keywordsByRule: keywords)
        let scratch = LiteralScratch(capacity: 4)  // small: overflowing and growing is exercised
        var generator = SplitMix64(seed: 7)
        let alphabet = Array("ghpo_asswrdkiAKIPSbBearer xyz\n@[`{abey=W".utf8)
        for round in 0..<2000 {
            let length = Int.random(in: 0..<(round % 4 == 0 ? 200 : 60), using: &generator)
            let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            let ok = text.withUnsafeBytes { scanner.scan($0, scratch, kernel: kernel) }
            #expect(ok)
            var found: [(end: Int, literal: [UInt8])] = []
            for index in 0..<scratch.count {
                found.append((Int(scratch.ends[index]), scanner.literals[Int(scratch.ids[index])]))
            }
            #expect(found.map(\.end) == found.map(\.end).sorted())
            let lower = text.map(ASCIIFolding.lower)
            var expected: [(end: Int, literal: [UInt8])] = []
            for literal in scanner.literals where literal.count <= lower.count {
                for start in 0...(lower.count - literal.count) where Array(lower[start..<(start + literal.count)]) == literal {
                    expected.append((start + literal.count, literal))
                }
            }
            let key = { (hit: (end: Int, literal: [UInt8])) in "\(hit.end):\(String(decoding: hit.literal, as: UTF8.self))" }
            #expect(Set(found.map(key)) == Set(expected.map(key)), "text: \(String(decoding: text, as: UTF8.self))")
            #expect(found.count == expected.count)
        }
    }

    /// A scanner whose keyword table could not be built (out of memory) fails closed: it is not
    /// empty, its search reports that it could not run (the caller then tries every rule), and it
    /// says any text may hold a keyword. An empty keyword list is simply empty.
    @Test func aScannerThatCouldNotBeBuiltFailsClosed() {
        let failed = LiteralScanner(keywordsByRule: [["password"], ["ghp_"]], failingForTesting: true)
        #expect(!failed.isEmpty)
        #expect(failed.literalCount == 0)
        let scratch = LiteralScratch(capacity: 4)
        let text = Array("no keyword in this line".utf8)
        #expect(!text.withUnsafeBytes { failed.scan($0, scratch) })
        #expect(text.withUnsafeBytes { failed.mayContainKeyword($0) })
        let empty = LiteralScanner(keywordsByRule: [[], [""]])
        #expect(empty.isEmpty)
        #expect(text.withUnsafeBytes { empty.scan($0, scratch) })
        #expect(!text.withUnsafeBytes { empty.mayContainKeyword($0) })
    }

    /// Keywords of rules whose matches start at a word boundary with a known prefix are reported only
    /// where they start a word (not after a letter, digit or `_`; always at the text's start); a
    /// keyword another rule shares without such a prefix, and every other keyword, everywhere. With
    /// every search loop and anchor scheme (4-byte, expanded 3-byte, 3-byte, 1-2 byte direct).
    @Test(arguments: [
        [["sk_1", "sk_2"], ["task"], ["pass"], ["abcd"], ["abcd"], ["ab"]],
        [["sk_1", "sk_2"], ["tas"], ["key"], ["abcd"], ["abcd"], ["ab"]],
        [["sk_1", "sk_2"], ["tas"], ["key"], ["abcd"], ["abcd"], ["ab"]] + LiteralScannerTests.manyThreeByteKeywords,
    ], [LiteralScanner.Kernel.automatic, .scalar])
    func wordStartKeywordsAreReportedOnlyAtAWordStart(_ keywords: [[String]], kernel: LiteralScanner.Kernel) {
        // Rule 0 (`\b(sk_...)`), rule 2 (`pass`, `key`) and rule 3 (`abcd`) have prefixes; rule 4
        // shares `abcd` without one, so `abcd` is reported everywhere; rule 5's `ab` is 2 bytes.
        var prefixes: [[UInt8]?] = Array(repeating: nil, count: keywords.count)
        prefixes[0] = Array("sk_".utf8)
        prefixes[2] = Array(keywords[2][0].utf8)
        prefixes[3] = Array("ab".utf8)
        prefixes[5] = Array("ab".utf8)
        let scanner = LiteralScanner(keywordsByRule: keywords, wordStartPrefixes: prefixes)
        let wordStartOnly = Set(["sk_1", "sk_2", keywords[2][0], "ab"].map { Array($0.utf8) })
        #expect(scanner.wordStartLiterals == wordStartOnly.count)
        let scratch = LiteralScratch(capacity: 4)
        var generator = SplitMix64(seed: 11)
        let alphabet = Array("sk_12taSKpe yabcd-ABwr.\n0_".utf8)
        for round in 0..<3000 {
            let length = Int.random(in: 0..<(round % 4 == 0 ? 160 : 50), using: &generator)
            let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(text.withUnsafeBytes { scanner.scan($0, scratch, kernel: kernel) })
            let found = Set((0..<scratch.count).map { "\(scratch.ends[$0]):\(scratch.ids[$0])" })
            let lower = text.map(ASCIIFolding.lower)
            var expected: Set<String> = []
            for (id, literal) in scanner.literals.enumerated() where literal.count <= lower.count {
                for start in 0...(lower.count - literal.count) where Array(lower[start..<(start + literal.count)]) == literal {
                    let before = start > 0 ? text[start - 1] : 0x20
                    let afterWord = ASCIIFolding.lower(before) >= 0x61 && ASCIIFolding.lower(before) <= 0x7A
                        || (before >= 0x30 && before <= 0x39) || before == UInt8(ascii: "_")
                    if wordStartOnly.contains(literal) && afterWord { continue }
                    expected.insert("\(start + literal.count):\(id)")
                }
            }
            #expect(found == expected, "text: \(String(decoding: text, as: UTF8.self))")
        }
    }

    /// Every built-in keyword is found after runs of filler bytes of many lengths, with text after
    /// it, at many buffer alignments (the shapes that exposed missed occurrences in Vectorscan),
    /// in the whole built-in set and in sets of 1 to 9 keywords.
    @Test func everyKeywordIsFoundWhereverItStands() {
        let keywords = TestSupport.builtin.literals.literals
        var sets: [[[UInt8]]] = [keywords]
        for size in 1...9 { sets.append(Array(keywords.prefix(size))) }
        let scratch = LiteralScratch()
        var misses: [String] = []
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 64)
        defer { memory.deallocate() }
        for set in sets {
            let scanner = LiteralScanner(keywordsByRule: set.map { [String(decoding: $0, as: UTF8.self)] })
            for (index, keyword) in set.enumerated() where index % max(1, set.count / 150) == 0 {
                for filler in Array("x 0Z.".utf8) {
                    for run in [0, 1, 7, 15, 16, 31, 33, 63, 64, 73, 100, 255, 300, 1000, 3001] {
                        for (offset, suffix) in ["", "ZZZZ", "=abc123"].enumerated() {
                            let text = [UInt8](repeating: filler, count: run) + keyword.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 } + Array(suffix.utf8)
                            // Several start alignments: the engine's SIMD paths depend on them.
                            let start = (run + offset * 21) % 64
                            let slice = UnsafeMutableRawBufferPointer(rebasing: memory[start..<(start + text.count)])
                            slice.copyBytes(from: text)
                            _ = scanner.scan(UnsafeRawBufferPointer(slice), scratch)
                            if !(0..<scratch.count).contains(where: { Int(scratch.ids[$0]) == index }) {
                                misses.append("\(String(decoding: keyword, as: UTF8.self)) after \(run)x\(filler) (set of \(set.count))")
                            }
                        }
                    }
                }
            }
        }
        #expect(misses.isEmpty, "\(misses.prefix(10))")
    }

    /// Keywords are compared as bytes: two spellings of one Unicode string (precomposed and
    /// decomposed `é`) are two literals, each found where its own bytes occur.
    @Test func canonicallyEquivalentKeywordsStayDistinct() {
        let scanner = LiteralScanner(keywordsByRule: [["caf\u{E9}"], ["cafe\u{301}"], ["CAF\u{E9}", "plain"]])
        #expect(scanner.literals.count == 3)
        let scratch = LiteralScratch()
        for (text, rules) in [("x cafe\u{301} y", [Int32(1)]), ("x caf\u{E9} y", [0, 2])] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBytes { scanner.scan($0, scratch) })
            #expect(scratch.count == 1)
            let literal = Int(scratch.ids[0])
            #expect(rules.allSatisfy { scanner.literal(literal, selects: $0) })
            #expect(!(0..<3).filter { !rules.contains(Int32($0)) }.contains { scanner.literal(literal, selects: Int32($0)) })
        }
    }

    @Test func keywordsMapToTheirRules() {
        let scanner = LiteralScanner(keywordsByRule: [["abc", "XYZ"], ["xyz"], [], [""]])
        #expect(scanner.literals == [Array("abc".utf8), Array("xyz".utf8)])
        let rules = (0..<scanner.literals.count).map { Array(scanner.ruleList[Int(scanner.ruleStart[$0])..<Int(scanner.ruleStart[$0 + 1])]) }
        #expect(rules == [[0], [0, 1]])
    }

    @Test func noKeywordsScansNothing() {
        let scanner = LiteralScanner(keywordsByRule: [[], [""]])
        let scratch = LiteralScratch()
        let ok = Array("anything".utf8).withUnsafeBytes { scanner.scan($0, scratch) }
        #expect(ok && scratch.count == 0)
    }
}
