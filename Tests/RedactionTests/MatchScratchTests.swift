import Testing
@testable import Redaction

/// ``MatchScratch``: match results and group ranges, limits turned into errors, the offset
/// limit, empty subjects, and match data that grows for a deferred pattern with more groups.
@Suite struct MatchScratchTests {
    @Test(arguments: [true, false])
    func groupRangesAfterAMatch(useJIT: Bool) throws {
        let pattern = try CompiledPattern("k=(\\w+)(!)?", useJIT: useJIT)
        let scratch = MatchScratch(maximumCaptureCount: pattern.captureCount)
        let rc = Array("x k=abc y".utf8).withUnsafeBytes { scratch.match(pattern, $0, from: 0) }
        #expect(rc > 0)
        #expect(scratch.groupRange(0) == 2..<7)
        #expect(scratch.groupRange(1) == 4..<7)
        #expect(scratch.groupRange(2) == nil)     // did not participate
        #expect(scratch.groupRange(99) == nil)    // no such group
        #expect(scratch.groupRange(-1) == nil)
    }

    @Test func noMatchIsZero() throws {
        let pattern = try CompiledPattern("needle")
        let scratch = MatchScratch(maximumCaptureCount: 0)
        #expect(Array("haystack".utf8).withUnsafeBytes { scratch.match(pattern, $0, from: 0) } == 0)
    }

    @Test func startOffsetSkipsEarlierMatches() throws {
        let pattern = try CompiledPattern("ab")
        let scratch = MatchScratch(maximumCaptureCount: 0)
        let rc = Array("ab-ab".utf8).withUnsafeBytes { scratch.match(pattern, $0, from: 1) }
        #expect(rc > 0)
        #expect(scratch.groupRange(0) == 3..<5)
    }

    @Test func anEmptySubjectWithoutAddressIsMatched() throws {
        let pattern = try CompiledPattern("^$")
        let scratch = MatchScratch(maximumCaptureCount: 0)
        #expect(scratch.match(pattern, UnsafeRawBufferPointer(start: nil, count: 0), from: 0) > 0)
        #expect(scratch.groupRange(0) == 0..<0)
    }

    @Test(arguments: [true, false])
    func theMatchLimitBecomesAnError(useJIT: Bool) throws {
        var limits = MatchLimits.default
        limits.matchLimit = 1000
        let pattern = try CompiledPattern("(a+)+b", useJIT: useJIT)
        let scratch = MatchScratch(maximumCaptureCount: pattern.captureCount, limits: limits)
        // The required `b` is present (no quick fail), but only after a `c`: backtracking explodes.
        let subject = [UInt8](repeating: UInt8(ascii: "a"), count: 40) + Array("cb".utf8)
        let rc = subject.withUnsafeBytes { scratch.match(pattern, $0, from: 0) }
        #expect(rc == PCRE2Error.matchLimit.code)
        #expect(scratch.limits.matchLimit == 1000)
    }

    @Test func theOffsetLimitAppliesToOneCallOnly() throws {
        let pattern = try CompiledPattern("abc", usesOffsetLimit: true)
        let scratch = MatchScratch(maximumCaptureCount: 0)
        let subject = Array("xxxxabc".utf8)
        #expect(subject.withUnsafeBytes { scratch.match(pattern, $0, from: 0, offsetLimit: 2) } == 0)
        #expect(subject.withUnsafeBytes { scratch.match(pattern, $0, from: 0, offsetLimit: 4) } > 0)
        #expect(subject.withUnsafeBytes { scratch.match(pattern, $0, from: 0) } > 0)
    }

    @Test func matchDataGrowsForADeferredPatternWithMoreGroups() {
        let pattern = CompiledPattern(deferring: "(a)(b)(c)")
        let scratch = MatchScratch(maximumCaptureCount: 0)
        let rc = Array("abc".utf8).withUnsafeBytes { scratch.match(pattern, $0, from: 0) }
        #expect(rc == 4)
        #expect(scratch.groupRange(3) == 2..<3)
    }
}
