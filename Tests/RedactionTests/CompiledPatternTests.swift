import Testing
@testable import Redaction

/// ``CompiledPattern``: byte-mode compilation with its options, errors with PCRE2's offset,
/// `(*UTF)` refused, deferred compilation, and pattern facts (groups, minimum length).
@Suite struct CompiledPatternTests {
    static func matches(_ pattern: CompiledPattern, _ subject: [UInt8], from start: Int = 0) -> Bool {
        let scratch = MatchScratch(maximumCaptureCount: pattern.captureCount)
        return subject.withUnsafeBytes { scratch.match(pattern, $0, from: start) } > 0
    }

    @Test func anInvalidPatternReportsWhereItFailed() {
        let error = #expect(throws: PatternCompileError.self) { _ = try CompiledPattern("ab)") }
        #expect(error?.offset == 2)
    }

    @Test func aPatternAskingForUTFIsRefused() {
        #expect(throws: PatternCompileError.self) { _ = try CompiledPattern("(*UTF)abc") }
    }

    @Test(arguments: [true, false])
    func matchesArbitraryBytesInByteMode(useJIT: Bool) throws {
        let pattern = try CompiledPattern("a.b\\x00c", useJIT: useJIT)
        #expect(Self.matches(pattern, [0x61, 0xFF, 0x62, 0x00, 0x63]))
        #expect(!Self.matches(pattern, [0x61, 0x62, 0x00, 0x63]))
    }

    @Test func caselessAndAnchoredOptions() throws {
        #expect(Self.matches(try CompiledPattern("abc", caseless: true), Array("xABC".utf8)))
        #expect(!Self.matches(try CompiledPattern("abc"), Array("xABC".utf8)))
        let anchored = try CompiledPattern("abc", anchored: true)
        #expect(!Self.matches(anchored, Array("xabc".utf8), from: 0))
        #expect(Self.matches(anchored, Array("xabc".utf8), from: 1))
    }

    @Test func groupsAndMinimumLength() throws {
        let pattern = try CompiledPattern("(a)(?:b)(c\\d{2})")
        #expect(pattern.captureCount == 2)
        #expect(pattern.hasGroup(0) && pattern.hasGroup(2))
        #expect(!pattern.hasGroup(3) && !pattern.hasGroup(-1))
        #expect(pattern.minimumMatchLength == 5)
        #expect(!pattern.isDeferred)
    }

    @Test func aDeferredPatternCompilesOnFirstUse() {
        let pattern = CompiledPattern(deferring: "(x)(y)")
        #expect(pattern.isDeferred)
        #expect(pattern.captureCount == 2)
        #expect(Self.matches(pattern, Array("-xy-".utf8)))
    }

    @Test func aDeferredPatternThatFailsToCompileFailsEveryMatch() {
        let pattern = CompiledPattern(deferring: "ab)")
        let scratch = MatchScratch(maximumCaptureCount: 0)
        let rc = Array("ab)".utf8).withUnsafeBytes { scratch.match(pattern, $0, from: 0) }
        #expect(rc == PCRE2Error.deferredCompile.code)
        #expect(pattern.code == nil)
        #expect(pattern.captureCount == 0)
    }

    @Test func theJITCanBeTurnedOff() throws {
        #expect(!(try CompiledPattern("abc", useJIT: false)).isJIT)
    }

    /// The first matches run the interpreter; the one that reaches the threshold JIT-compiles the
    /// pattern, and both give the same groups on matching and non-matching subjects.
    @Test func thePatternIsJITCompiledOnceItHasBeenUsedEnough() throws {
        let pattern = try CompiledPattern(#"(?i)token[=:]\s*([A-Za-z0-9_-]{8,})"#)
        let scratch = MatchScratch(maximumCaptureCount: pattern.captureCount)
        let subjects = ["x token=Zq8xW2mL5nR7 y", "TOKEN: short", "no keyword here", "token:abcdEFGH1234_-"].map { Array($0.utf8) }
        func run(_ subject: [UInt8]) -> [Range<Int>?] {
            subject.withUnsafeBytes { bytes in
                let rc = scratch.match(pattern, bytes, from: 0)
                return rc > 0 ? [scratch.groupRange(0), scratch.groupRange(1)] : []
            }
        }
        var interpreted: [[Range<Int>?]] = []
        for use in 1..<CompiledPattern.jitThreshold {
            interpreted.append(run(subjects[use % subjects.count]))
            #expect(!pattern.hasJITCode, "use \(use) is interpreted")
        }
        _ = run(subjects[0])
        #expect(pattern.hasJITCode, "the use that reaches the threshold compiles the JIT code")
        for use in 1..<CompiledPattern.jitThreshold {
            #expect(run(subjects[use % subjects.count]) == interpreted[use - 1])
        }
        #expect(interpreted.contains { !$0.isEmpty } && interpreted.contains { $0.isEmpty })
    }
}
