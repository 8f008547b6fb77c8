import Testing
@testable import Redaction

/// The keyword search with a value overlay (exact values found in the same pass) against a naive
/// search, as values come and go.
@Suite struct ValueOverlayTests {
    /// A hit as the naive search states it: end offset and what was found.
    struct Hit: Hashable, CustomStringConvertible {
        var end: Int
        var text: [UInt8]
        var isValue: Bool
        var tagged: Bool
        var description: String { "\(isValue ? "value" : "keyword") \(String(decoding: text, as: UTF8.self)) ending at \(end)" }
    }

    /// What the scan reported, as hits (values carry their bytes from the text).
    static func reported(_ scratch: LiteralScratch, _ scanner: LiteralScanner, _ text: [UInt8]) -> [Hit] {
        (0..<scratch.count).map { index in
            let id = scratch.ids[index]
            let end = Int(scratch.ends[index])
            if ValueOverlay.isValueHit(id) {
                let length = ValueOverlay.length(ofHit: id)
                return Hit(end: end, text: Array(text[(end - length)..<end]), isValue: true, tagged: ValueOverlay.isTagged(id))
            }
            return Hit(end: end, text: scanner.literals[Int(id)], isValue: false, tagged: false)
        }
    }

    /// Every occurrence of every keyword (case-insensitive) and value (exact).
    static func naive(_ text: [UInt8], keywords: [[UInt8]], values: [[UInt8]: Bool], includeKeywords: Bool) -> [Hit] {
        var hits: [Hit] = []
        let lower = text.map(ASCIIFolding.lower)
        func occurrences(_ needle: [UInt8], in haystack: [UInt8]) -> [Int] {
            guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
            return (0...(haystack.count - needle.count)).filter { Array(haystack[$0..<($0 + needle.count)]) == needle }
        }
        if includeKeywords {
            for keyword in keywords {
                for start in occurrences(keyword, in: lower) {
                    hits.append(Hit(end: start + keyword.count, text: keyword, isValue: false, tagged: false))
                }
            }
        }
        for (value, tagged) in values {
            for start in occurrences(value, in: text) {
                hits.append(Hit(end: start + value.count, text: value, isValue: true, tagged: tagged))
            }
        }
        return hits
    }

    static func randomBytes(_ count: Int, from alphabet: [UInt8], _ generator: inout SplitMix64) -> [UInt8] {
        (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
    }

    /// Random keywords and random values (mixed case, sharing bytes with the keywords), added and
    /// removed in random order: every scan reports exactly the naive search's hits, each once,
    /// sorted by end; removed values are never reported.
    @Test(arguments: [false, true])
    func reportsEveryKeywordAndValueExactlyOnce(_ withShortKeywords: Bool) {
        var generator = SplitMix64(seed: withShortKeywords ? 11 : 12)
        let alphabet = Array("abAB_=:x0Yk".utf8)
        for round in 0..<12 {
            var keywordsByRule: [[String]] = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                [String(decoding: Self.randomBytes(Int.random(in: 4...7, using: &generator), from: alphabet, &generator), as: UTF8.self)]
            }
            if withShortKeywords { keywordsByRule.append(["b="]) }
            let scanner = LiteralScanner(keywordsByRule: keywordsByRule)
            guard let overlay = ValueOverlay(scanner: scanner) else {
                Issue.record("no overlay")
                return
            }
            let scratch = LiteralScratch(capacity: 2)  // small: growing is exercised
            var values: [[UInt8]: Bool] = [:]
            var handles: [[UInt8]: Int32] = [:]
            for step in 0..<60 {
                // Change the values: add one (sometimes a duplicate), sometimes remove one.
                let value = Self.randomBytes(Int.random(in: 4...9, using: &generator), from: alphabet, &generator)
                let tagged = Bool.random(using: &generator)
                let addition = value.withUnsafeBytes { overlay.add($0, tagged: tagged) }
                switch addition {
                case .added(let handle):
                    #expect(values[value] == nil)
                    values[value] = tagged
                    handles[value] = handle
                case .present(let handle):
                    #expect(handles[value] == handle)
                case .refused:
                    Issue.record("refused a valid value")
                }
                if step % 3 == 2, let victim = values.keys.randomElement(using: &generator) {
                    overlay.remove(handles[victim]!)
                    values[victim] = nil
                    handles[victim] = nil
                    #expect(victim.withUnsafeBytes { overlay.find($0) } == nil)
                }
                #expect(overlay.count == values.count)
                for (value, handle) in handles { #expect(value.withUnsafeBytes { overlay.find($0) } == handle) }
                // Texts made of values, keywords and noise.
                for _ in 0..<4 {
                    var text: [UInt8] = []
                    for _ in 0..<Int.random(in: 0...8, using: &generator) {
                        switch Int.random(in: 0..<3, using: &generator) {
                        case 0: text += values.keys.randomElement(using: &generator) ?? []
                        case 1: text += scanner.literals.randomElement(using: &generator)?.map { Bool.random(using: &generator) && $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 } ?? []
                        default: text += Self.randomBytes(Int.random(in: 0...5, using: &generator), from: alphabet, &generator)
                        }
                    }
                    for valuesOnly in [false, true] {
                        let ok = text.withUnsafeBytes { valuesOnly ? overlay.scan($0, scratch) : scanner.scan($0, scratch, values: overlay) }
                        #expect(ok)
                        let found = Self.reported(scratch, scanner, text)
                        let expected = Self.naive(text, keywords: scanner.literals, values: values, includeKeywords: !valuesOnly)
                        #expect(found.map(\.end) == found.map(\.end).sorted())
                        #expect(found.count == expected.count && Set(found) == Set(expected),
                                "round \(round) step \(step) valuesOnly \(valuesOnly): \(String(decoding: text, as: UTF8.self))")
                    }
                }
            }
        }
    }

    /// Values compare exactly: another case is not a hit, while keywords still fold.
    @Test func valuesAreCaseSensitive() throws {
        let scanner = LiteralScanner(keywordsByRule: [["token"]])
        let overlay = try #require(ValueOverlay(scanner: scanner))
        #expect(Array("Sup3rS3cret".utf8).withUnsafeBytes { overlay.add($0, tagged: true) } == .added(0))
        let scratch = LiteralScratch()
        let text = Array("TOKEN sup3rs3cret Sup3rS3cret".utf8)
        #expect(text.withUnsafeBytes { scanner.scan($0, scratch, values: overlay) })
        let found = ValueOverlayTests.reported(scratch, scanner, text)
        #expect(found == [Hit(end: 5, text: Array("token".utf8), isValue: false, tagged: false),
                          Hit(end: 29, text: Array("Sup3rS3cret".utf8), isValue: true, tagged: true)])
    }

    /// Values shorter than 4 bytes are refused (they would break the two-anchor invariant and
    /// mask far too much).
    @Test func shortValuesAreRefused() throws {
        let overlay = try #require(ValueOverlay(scanner: LiteralScanner(keywordsByRule: [])))
        #expect(Array("abc".utf8).withUnsafeBytes { overlay.add($0, tagged: false) } == .refused)
        #expect(overlay.count == 0)
    }

    /// Many values added and evicted (as an echo memory does): the table is rebuilt without the
    /// stale entries and every live value is still found, every removed one never.
    @Test func churnKeepsEveryLiveValue() throws {
        let scanner = TestSupport.builtin.literals
        let overlay = try #require(ValueOverlay(scanner: scanner))
        var live: [(value: [UInt8], handle: Int32)] = []
        var removed: [[UInt8]] = []
        for index in 0..<5000 {
            let value = Array("v\(index)-\(index * 7919 % 10007)-secret".utf8)
            guard case .added(let handle) = value.withUnsafeBytes({ overlay.add($0, tagged: false) }) else {
                Issue.record("not added")
                return
            }
            live.append((value, handle))
            if live.count > 64 {
                let victim = live.removeFirst()
                overlay.remove(victim.handle)
                removed.append(victim.value)
            }
        }
        let text = (live.map(\.value) + removed.suffix(200)).joined(separator: Array(" ".utf8)).map { $0 }
        let scratch = LiteralScratch()
        #expect(text.withUnsafeBytes { overlay.scan($0, scratch) })
        let found = Set(ValueOverlayTests.reported(scratch, scanner, text).map(\.text))
        #expect(found == Set(live.map(\.value)))
    }
}
