/// A case-insensitive multi-literal searcher over all rule keywords (an Aho-Corasick automaton
/// compiled to a full DFA over byte classes).
///
/// One pass over a line costs one table load per byte whatever the number of keywords; for every
/// keyword occurrence it reports the rules that list that keyword. ASCII letters fold to lower
/// case; other bytes compare exactly.
///
/// ## Design rationale
/// Running every rule's regex over every byte is about 30x slower than this scan on real logs
/// (ARCHITECTURE.md, "Prefilter"). States are stored pre-multiplied by the class count, and a
/// state that ends at least one keyword carries ``matchFlag``, so the hot loop is a load, an add
/// and a test per byte.
///
/// ## Thread safety
/// Immutable; shared between threads.
struct KeywordPrefilter: Sendable {
    static let matchFlag: UInt32 = 0x8000_0000

    /// Byte to class (0 = a byte no keyword contains).
    let byteClass: [UInt8]
    let classCount: Int
    /// `transitions[stateOffset + class]` is the next state's offset, with ``matchFlag`` set when
    /// that state ends a keyword.
    let transitions: [UInt32]
    /// For each state (by index), the range of ``ruleLists`` with the rules to run.
    let stateRuleRanges: [Range<Int32>]
    let ruleLists: [Int32]
    /// Number of distinct keywords compiled in.
    let keywordCount: Int

    /// Builds the automaton.
    /// - Parameter keywordsByRule: for each rule index, its keywords (any case; empty keywords are ignored).
    init(keywordsByRule: [[String]]) {
        // Distinct lowercased keywords, each with the rules that use it.
        var keywordIndex: [[UInt8]: Int] = [:]
        var keywords: [[UInt8]] = []
        var rulesOfKeyword: [[Int32]] = []
        for (rule, list) in keywordsByRule.enumerated() {
            for keyword in list {
                let bytes = Array(keyword.utf8).map(KeywordPrefilter.fold)
                guard !bytes.isEmpty else { continue }
                if let index = keywordIndex[bytes] {
                    if rulesOfKeyword[index].last != Int32(rule) { rulesOfKeyword[index].append(Int32(rule)) }
                } else {
                    keywordIndex[bytes] = keywords.count
                    keywords.append(bytes)
                    rulesOfKeyword.append([Int32(rule)])
                }
            }
        }
        keywordCount = keywords.count

        // Byte classes: one per distinct (folded) byte used by a keyword; upper case shares the
        // class of its lower-case letter.
        var classOf = [UInt8](repeating: 0, count: 256)
        var classes = 1
        for keyword in keywords {
            for byte in keyword where classOf[Int(byte)] == 0 {
                precondition(classes < 255, "too many distinct keyword bytes")
                classOf[Int(byte)] = UInt8(classes)
                classes += 1
            }
        }
        for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") {
            classOf[Int(upper)] = classOf[Int(upper | 0x20)]
        }
        byteClass = classOf
        classCount = classes

        // Trie.
        var children: [[Int32]] = [[Int32](repeating: -1, count: classes)]
        var outputs: [[Int32]] = [[]]
        for (index, keyword) in keywords.enumerated() {
            var state = 0
            for byte in keyword {
                let cls = Int(classOf[Int(byte)])
                if children[state][cls] < 0 {
                    children[state][cls] = Int32(children.count)
                    children.append([Int32](repeating: -1, count: classes))
                    outputs.append([])
                }
                state = Int(children[state][cls])
            }
            outputs[state].append(Int32(index))
        }

        // Breadth-first failure links, completed into a DFA.
        let stateCount = children.count
        var fail = [Int](repeating: 0, count: stateCount)
        var delta = [Int](repeating: 0, count: stateCount * classes)
        var queue: [Int] = []
        for cls in 0..<classes {
            let child = Int(children[0][cls])
            if child > 0 {
                fail[child] = 0
                delta[cls] = child
                queue.append(child)
            } else {
                delta[cls] = 0
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            outputs[state].append(contentsOf: outputs[fail[state]])
            for cls in 0..<classes {
                let child = Int(children[state][cls])
                if child > 0 {
                    fail[child] = delta[fail[state] * classes + cls]
                    delta[state * classes + cls] = child
                    queue.append(child)
                } else {
                    delta[state * classes + cls] = delta[fail[state] * classes + cls]
                }
            }
        }

        // Per-state rule lists (deduplicated, ascending).
        var ranges: [Range<Int32>] = []
        var lists: [Int32] = []
        ranges.reserveCapacity(stateCount)
        for state in 0..<stateCount {
            var rules = Set<Int32>()
            for keyword in outputs[state] { rules.formUnion(rulesOfKeyword[Int(keyword)]) }
            let start = Int32(lists.count)
            lists.append(contentsOf: rules.sorted())
            ranges.append(start..<Int32(lists.count))
        }
        stateRuleRanges = ranges
        ruleLists = lists

        var table = [UInt32](repeating: 0, count: stateCount * classes)
        for state in 0..<stateCount {
            for cls in 0..<classes {
                let next = delta[state * classes + cls]
                var value = UInt32(next * classes)
                if !ranges[next].isEmpty { value |= KeywordPrefilter.matchFlag }
                table[state * classes + cls] = value
            }
        }
        transitions = table
    }

    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte | 0x20 : byte
    }

    /// Scans `bytes` and calls `body` with the range of ``ruleLists`` for every position where a
    /// keyword ends. The same rule may be reported many times; callers deduplicate.
    @inline(__always)
    func scan(_ bytes: UnsafeRawBufferPointer, _ body: (Range<Int32>) -> Void) {
        guard keywordCount > 0, let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let count = bytes.count
        byteClass.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { table in
                let classBase = classes.baseAddress.unsafelyUnwrapped
                let tableBase = table.baseAddress.unsafelyUnwrapped
                var state: UInt32 = 0
                var index = 0
                while index < count {
                    state = tableBase[Int(state & ~KeywordPrefilter.matchFlag) &+ Int(classBase[Int(base[index])])]
                    if state & KeywordPrefilter.matchFlag != 0 {
                        body(stateRuleRanges[Int(state & ~KeywordPrefilter.matchFlag) / classCount])
                    }
                    index &+= 1
                }
            }
        }
    }
}
