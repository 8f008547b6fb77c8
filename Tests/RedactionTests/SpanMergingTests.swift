import Testing
@testable import Redaction

/// ``CompiledRuleSet/mergeSpans(_:)``: spans of one line sorted by start and merged where they
/// overlap or touch; ties go to the longer span, then a block, then a format rule over a generic
/// (value-shaped) one, then the smaller rule id; the result does not depend on input order.
@Suite struct SpanMergingTests {
    /// Rule 0 `alpha` and rule 2 `gamma` are format rules; rule 1 `beta` has a value shape.
    static let set = TestSupport.ruleSet([
        RedactionRule(id: "alpha", regex: "alpha=(\\S+)", keywords: ["alpha="]),
        RedactionRule(id: "beta", regex: "beta=(\\S+)", valueShape: .token, keywords: ["beta="]),
        RedactionRule(id: "gamma", regex: "gamma=(\\S+)", keywords: ["gamma="]),
    ])

    static func span(_ range: Range<Int>, _ rule: Int32, _ kind: RedactionFinding.Kind = .match) -> RedactionSpan {
        RedactionSpan(start: range.lowerBound, end: range.upperBound, rule: rule, kind: kind)
    }

    static func merged(_ spans: [RedactionSpan]) -> [RedactionSpan] {
        var spans = spans
        set.mergeSpans(&spans)
        return spans
    }

    @Test func nothingToMerge() {
        #expect(Self.merged([]) == [])
        #expect(Self.merged([Self.span(3..<7, 1)]) == [Self.span(3..<7, 1)])
    }

    @Test func disjointSpansAreSortedAndKept() {
        #expect(Self.merged([Self.span(10..<12, 0), Self.span(6..<8, 2), Self.span(0..<5, 1)])
                == [Self.span(0..<5, 1), Self.span(6..<8, 2), Self.span(10..<12, 0)])
    }

    @Test(arguments: [
        (first: 0..<5, second: 3..<8, expected: 0..<8),    // overlapping
        (first: 0..<5, second: 5..<8, expected: 0..<8),    // touching: no unmasked byte between
        (first: 0..<10, second: 2..<4, expected: 0..<10),  // contained
        (first: 2..<4, second: 0..<10, expected: 0..<10),  // containing
    ])
    func overlappingOrTouchingSpansMergeKeepingTheFirstRule(first: Range<Int>, second: Range<Int>, expected: Range<Int>) {
        let result = Self.merged([Self.span(first, 2), Self.span(second, 0)])
        let firstRule: Int32 = first.lowerBound <= second.lowerBound ? 2 : 0
        #expect(result == [Self.span(expected, firstRule)])
    }

    @Test func aOneByteGapIsKept() {
        #expect(Self.merged([Self.span(0..<5, 0), Self.span(6..<8, 0)]).count == 2)
    }

    @Test func aTieOnStartGoesToTheLongerSpan() {
        #expect(Self.merged([Self.span(0..<4, 0), Self.span(0..<9, 2)]) == [Self.span(0..<9, 2)])
    }

    @Test func aTieOnRangeGoesToABlock() {
        #expect(Self.merged([Self.span(0..<4, 0), Self.span(0..<4, 2, .block)]) == [Self.span(0..<4, 2, .block)])
    }

    @Test func aTieOnRangeGoesToAFormatRuleOverAShapedRule() {
        #expect(Self.merged([Self.span(0..<4, 1), Self.span(0..<4, 2)]) == [Self.span(0..<4, 2)])
    }

    @Test func aTieBetweenFormatRulesGoesToTheSmallerID() {
        #expect(Self.merged([Self.span(0..<4, 2), Self.span(0..<4, 0)]) == [Self.span(0..<4, 0)])
    }

    @Test func escapingAndCustomReplacementsCarryIntoTheMergedSpan() {
        var escaped = Self.span(3..<8, 1)
        escaped.escapesJSON = true
        escaped.custom = 4
        let result = Self.merged([Self.span(0..<5, 0), escaped])
        #expect(result.count == 1)
        #expect(result.first?.escapesJSON == true)
        #expect(result.first?.custom == 4)
        #expect(result.first?.rule == 0)
    }

    /// Every order of the same spans gives the same result.
    @Test(arguments: 0..<24)
    func resultIsIndependentOfInputOrder(permutation: Int) {
        let spans = [Self.span(0..<4, 1), Self.span(0..<4, 2), Self.span(6..<9, 0), Self.span(8..<12, 1)]
        var remaining = spans
        var ordered: [RedactionSpan] = []
        var code = permutation
        while !remaining.isEmpty {
            ordered.append(remaining.remove(at: code % remaining.count))
            code /= remaining.count + 1
        }
        #expect(Self.merged(ordered) == [Self.span(0..<4, 2), Self.span(6..<12, 0)])
    }
}
