internal import CRedactScan

/// The keyword prefilter: every rule keyword in one case-insensitive multi-literal set, searched
/// over whole read buffers (or single lines), reporting where each keyword occurrence ends and,
/// through the keyword, which rules may match there. A rule's PCRE2 pattern runs only on lines
/// that hold one of its keywords.
///
/// The search itself is the C kernel in `CRedactScan` (a hashed 4-byte-anchor filter with exact
/// verification, see `literal_set.c`). The default rule set's scanner may be built ahead of time
/// on a second core (``PreparedBuiltinScanner``). Every occurrence is
/// reported: the differential tests compare it with a naive search.
///
/// ## Design rationale
/// Vectorscan was measured as the issue suggested and rejected: libvectorscan 5.4.9 (Debian 12)
/// missed keyword occurrences on this AVX-512 host for small literal sets at some buffer
/// alignments, and a prefilter that misses a keyword lets the secret after it through.
///
/// ## Thread safety
/// Immutable after `init`; shared freely. Each stream or thread scans with its own
/// ``LiteralScratch``.
final class LiteralScanner: @unchecked Sendable {
    // SAFETY: `set` is created in init, never mutated (the C API takes it as const), freed in deinit.
    // A ``ValueOverlay`` borrows it and holds this scanner alive.
    let set: OpaquePointer?
    /// Distinct keywords, ASCII-lowercased; the index is the literal id.
    let literals: [[UInt8]]
    /// `ruleList[ruleStart[k]..<ruleStart[k + 1]]` are the rules that list keyword `k`.
    let ruleStart: [Int32]
    let ruleList: [Int32]

    /// Collects the distinct keywords of every rule and builds the search.
    /// - Parameters:
    ///   - keywordsByRule: for each rule index, its keywords (any case; empty ones and ones holding
    ///     a newline, which can never occur inside a line, are ignored).
    ///   - triggers: literals that select no rule but make a line worth looking at (the contexts
    ///     in which the engine decodes values, see ``CompiledRuleSet/decoderTriggers``).
    init(keywordsByRule: [[String]], triggers: [String] = []) {
        // Built once per rule set, at start-up, for thousands of keywords: distinct keywords are
        // found with a dictionary of (mostly small, inline) strings, and the rules of each are
        // gathered from one flat list of pairs, so no array is made per keyword or per rule.
        let total = keywordsByRule.reduce(triggers.count) { $0 + $1.count }
        // ASCII keywords by string (equal strings are equal bytes); any other by its bytes, since
        // String equality would merge canonically equivalent but different byte sequences.
        var asciiIndex: [String: Int32] = [:]
        asciiIndex.reserveCapacity(total)
        var byteIndex: [[UInt8]: Int32] = [:]
        var literals: [[UInt8]] = []
        var pairs: [(literal: Int32, rule: Int32)] = []
        pairs.reserveCapacity(total)
        func literalIndex(_ keyword: String) -> Int32? {
            let key = Self.asciiLowercased(keyword)
            guard !key.isEmpty, !key.utf8.contains(0x0A) else { return nil }
            let id = Int32(literals.count)
            if key.utf8.allSatisfy({ $0 < 0x80 }) {
                if let existing = asciiIndex[key] { return existing }
                asciiIndex[key] = id
                literals.append(Array(key.utf8))
            } else {
                let bytes = Array(key.utf8)
                if let existing = byteIndex[bytes] { return existing }
                byteIndex[bytes] = id
                literals.append(bytes)
            }
            return id
        }
        for (rule, keywords) in keywordsByRule.enumerated() {
            for keyword in keywords {
                guard let literal = literalIndex(keyword) else { continue }
                pairs.append((literal, Int32(rule)))
            }
        }
        for trigger in triggers { _ = literalIndex(trigger) }
        // ruleStart/ruleList by counting: the rules of each literal in rule order, each once.
        var start = [Int32](repeating: 0, count: literals.count + 1)
        for pair in pairs { start[Int(pair.literal) + 1] += 1 }
        for k in 0..<literals.count { start[k + 1] += start[k] }
        var next = start
        var list = [Int32](repeating: -1, count: pairs.count)
        for pair in pairs {
            let k = Int(pair.literal)
            // A rule that lists a keyword twice (or two spellings of it) is recorded once.
            if next[k] > start[k] && list[Int(next[k]) - 1] == pair.rule { continue }
            list[Int(next[k])] = pair.rule
            next[k] += 1
        }
        // Close the gaps the skipped duplicates left.
        var compacted: [Int32] = []
        compacted.reserveCapacity(pairs.count)
        var compactedStart: [Int32] = [0]
        compactedStart.reserveCapacity(literals.count + 1)
        for k in 0..<literals.count {
            compacted.append(contentsOf: list[Int(start[k])..<Int(next[k])])
            compactedStart.append(Int32(compacted.count))
        }
        self.literals = literals
        ruleStart = compactedStart
        ruleList = compacted
        set = Self.makeSet(literals)
    }

    /// `text` with ASCII capitals lowered (every other byte as it is); the same string when it
    /// has none. (Only ASCII bytes change, so valid UTF-8 stays valid and byte-for-byte the same
    /// elsewhere.)
    private static func asciiLowercased(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
        return String(decoding: text.utf8.map(ASCIIFolding.lower), as: UTF8.self)
    }

    deinit { redact_literal_set_free(set) }

    private static func makeSet(_ literals: [[UInt8]]) -> OpaquePointer? {
        guard !literals.isEmpty else { return nil }
        let total = literals.reduce(0) { $0 + $1.count }
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(total, 1))
        defer { storage.deallocate() }
        var pointers: [UnsafePointer<UInt8>?] = []
        var lengths: [UInt32] = []
        var offset = 0
        for literal in literals {
            literal.withUnsafeBufferPointer { (storage + offset).update(from: $0.baseAddress!, count: $0.count) }
            pointers.append(UnsafePointer(storage + offset))
            lengths.append(UInt32(literal.count))
            offset += literal.count
        }
        // The C side copies what it keeps; `storage` may go after the call.
        return pointers.withUnsafeBufferPointer { redact_literal_set_create($0.baseAddress, lengths, UInt32(literals.count)) }
    }

    /// Whether keyword `literal` is one of rule `rule`'s keywords.
    @inline(__always)
    func literal(_ literal: Int, selects rule: Int32) -> Bool {
        var index = Int(ruleStart[literal])
        let end = Int(ruleStart[literal + 1])
        while index < end {
            if ruleList[index] == rule { return true }
            index += 1
        }
        return false
    }

    /// Whether there is any keyword to look for.
    var isEmpty: Bool { literals.isEmpty }

    /// Whether `bytes` may hold a keyword or, with `values`, one of its values: false only when
    /// the search ran and found none. Needs no scratch (nothing is recorded), so it is safe from
    /// any thread and allocates nothing.
    /// - Parameter values: an overlay made for this scanner; the caller keeps it from changing
    ///   during the call.
    func mayContainKeyword(_ bytes: UnsafeRawBufferPointer, values: ValueOverlay? = nil) -> Bool {
        let overlay = values?.pointer
        guard !literals.isEmpty || overlay != nil, let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        guard set != nil || literals.isEmpty else { return true }  // the search could not be built: assume a keyword
        var needed = 0
        // SAFETY: with capacity 0 the kernel writes no occurrence (the NULL arrays are never
        // touched); it returns 0 when there is none and -1 (with the count in `needed`) otherwise.
        return redact_literal_set_scan(set, overlay, base.assumingMemoryBound(to: UInt8.self), bytes.count,
                                       nil, nil, 0, &needed) != 0
    }

    /// Finds every keyword occurrence in `bytes` and, with `values`, every occurrence of its values,
    /// and leaves them in `scratch`, in order of their end offset (value hits are told apart by
    /// ``ValueOverlay/isValueHit(_:)``).
    /// - Parameter values: an overlay made for this scanner; the caller keeps it from changing
    ///   during the call.
    /// - Returns: false when the search could not run (out of memory building it): the caller must
    ///   then treat every rule as a candidate.
    func scan(_ bytes: UnsafeRawBufferPointer, _ scratch: LiteralScratch, values: ValueOverlay? = nil,
              kernel: Kernel = .automatic) -> Bool {
        scratch.count = 0
        let overlay = values?.pointer
        guard !literals.isEmpty || overlay != nil else { return true }
        guard set != nil || literals.isEmpty else { return false }
        return scratch.collect(keywords: set, values: overlay, in: bytes, kernel: kernel)
    }
}
