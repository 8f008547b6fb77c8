/// Runs the sample lines a rule carries (`mustRedact`, `mustKeep`) against a rule set.
///
/// The contract every rule's samples must meet:
/// - each `mustRedact` sample: the rule alone finds at least one secret in it; redacted by the
///   whole set, no run of 8 or more bytes of any such secret survives; redacting the output again
///   changes nothing; the number of lines is unchanged;
/// - each `mustKeep` sample: the whole set leaves it byte-identical.
///
/// Used by `redact rules test` and by the test suite (for every built-in rule).
public struct RuleSampleCheck: Sendable {
    /// One unmet expectation. Names the rule and the sample by index, never quoting it.
    public struct Failure: Sendable, Hashable, CustomStringConvertible {
        public var ruleID: String
        public var source: SourceLocation
        /// `mustRedact` or `mustKeep`.
        public var list: String
        /// 0-based index in that list.
        public var index: Int
        public var problem: String

        public var description: String { "\(source): rule '\(ruleID)': \(list)[\(index)]: \(problem)" }
    }

    /// The full rule set samples are checked against.
    public let ruleSet: CompiledRuleSet

    public init(ruleSet: CompiledRuleSet) { self.ruleSet = ruleSet }

    /// Checks `rule`'s samples. `rule` is compiled alone (with the set's options) for the
    /// "finds a secret" check; the rest uses the full set.
    /// - Throws: ``RuleLoadError`` if the rule does not compile.
    public func check(_ rule: RedactionRule) throws(RuleLoadError) -> [Failure] {
        var failures: [Failure] = []
        func fail(_ list: String, _ index: Int, _ problem: String) {
            failures.append(Failure(ruleID: rule.id, source: rule.source, list: list, index: index, problem: problem))
        }
        var alone = ruleSet.options
        alone.replacement = .default
        let single = try CompiledRuleSet(rules: [rule], options: alone)
        if rule.mustRedact.count < 2 { fail("mustRedact", rule.mustRedact.count, "at least 2 samples are required") }
        if rule.mustKeep.count < 1 { fail("mustKeep", 0, "at least 1 sample is required") }
        for (index, sample) in rule.mustRedact.enumerated() {
            let bytes = Array(sample.utf8)
            let secrets = Self.secrets(found: single, in: bytes)
            if secrets.isEmpty {
                fail("mustRedact", index, "the rule alone finds no secret")
                continue
            }
            let once = Self.redact(ruleSet, bytes)
            for secret in secrets where Self.leaks(secret, in: once) {
                fail("mustRedact", index, "8 or more bytes of a secret survive redaction by the full rule set")
                break
            }
            if Self.redact(ruleSet, once) != once { fail("mustRedact", index, "redacting the output again changes it (not idempotent)") }
            if Self.lineCount(once) != Self.lineCount(bytes) { fail("mustRedact", index, "the number of lines changed") }
        }
        for (index, sample) in rule.mustKeep.enumerated() {
            let bytes = Array(sample.utf8)
            let output = Self.redact(ruleSet, bytes)
            if output != bytes {
                let culprits = Self.rulesChanging(bytes, in: ruleSet)
                fail("mustKeep", index, "the full rule set changes it (rules: \(culprits.joined(separator: ", ")))")
            }
        }
        return failures
    }

    /// Redacts `bytes` as a stream (blocks across lines included) into a sink.
    private static func run(_ set: CompiledRuleSet, _ bytes: [UInt8], collectFindings: Bool) -> ByteArraySink {
        let redactor = StreamRedactor(ruleSet: set)
        var sink = ByteArraySink(collectFindings: collectFindings)
        bytes.withUnsafeBytes { buffer in
            try? redactor.feed(buffer, into: &sink)
            try? redactor.finish(into: &sink)
        }
        return sink
    }

    /// Redacts `bytes` as a stream (blocks across lines included).
    static func redact(_ set: CompiledRuleSet, _ bytes: [UInt8]) -> [UInt8] {
        run(set, bytes, collectFindings: false).bytes
    }

    /// The secret byte strings `set` masks in `bytes` (per finding).
    static func secrets(found set: CompiledRuleSet, in bytes: [UInt8]) -> [[UInt8]] {
        let sink = run(set, bytes, collectFindings: true)
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> ArraySlice<UInt8> in
            line.last == 0x0D ? line.dropLast() : line
        }
        var result: [[UInt8]] = []
        for finding in sink.findings where finding.kind == .match || finding.kind == .block {
            guard finding.line - 1 < lines.count else { continue }
            let line = lines[finding.line - 1]
            let start = line.startIndex + finding.column - 1
            let end = start + finding.length
            guard end <= line.endIndex else { continue }
            result.append(Array(line[start..<end]))
        }
        return result
    }

    /// Whether any 8-byte window of `secret` (or the whole secret, if shorter) occurs in `output`.
    static func leaks(_ secret: [UInt8], in output: [UInt8]) -> Bool {
        let window = min(8, secret.count)
        guard window > 0, output.count >= window else { return false }
        var windows = Set<ArraySlice<UInt8>>()
        for start in 0...(secret.count - window) { windows.insert(secret[start..<(start + window)]) }
        for start in 0...(output.count - window) where windows.contains(output[start..<(start + window)]) {
            return true
        }
        return false
    }

    static func lineCount(_ bytes: [UInt8]) -> Int { bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }

    /// Ids of the rules that, alone, change `bytes`.
    static func rulesChanging(_ bytes: [UInt8], in set: CompiledRuleSet) -> [String] {
        set.rules.compactMap { rule in
            guard let alone = try? CompiledRuleSet(rules: [rule], options: set.options) else { return nil }
            return redact(alone, bytes) != bytes ? rule.id : nil
        }
    }
}
