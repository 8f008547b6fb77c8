/// Which trigger-gated decoders a line is worth running (``AuditCommandLine``, ``HexPayload``,
/// ``QuotedPrintableDecoder``): each literal of the keyword search is tagged with the decoders its
/// text triggers, and the line's hits are read once to collect the tags.
///
/// Built once per rule set; immutable afterwards, so safe to share between threads.
struct DecoderTriggerTable: Sendable {
    /// A set of trigger-gated decoders.
    struct Kinds: OptionSet, Sendable {
        let rawValue: UInt8
        static let auditCommandLine = Kinds(rawValue: 1)
        static let hexPayload = Kinds(rawValue: 2)
        static let quotedPrintable = Kinds(rawValue: 4)
        static let all: Kinds = [.auditCommandLine, .hexPayload, .quotedPrintable]
    }

    /// For each literal id of the scanner, the decoders its text triggers (raw values).
    private let kindsByLiteral: [UInt8]
    /// Decoders one of whose triggers is missing from the scanner: they run on every looked-at
    /// line (fail open toward decoding, never toward skipping it).
    private let alwaysOn: Kinds

    init(scanner: LiteralScanner) {
        var table = [UInt8](repeating: 0, count: scanner.literalCount)
        var missing: Kinds = []
        let triggers: [(Kinds, [String])] = [(.auditCommandLine, AuditCommandLine.triggers), (.hexPayload, HexPayload.triggers),
                                             (.quotedPrintable, QuotedPrintableDecoder.triggers)]
        for (kind, texts) in triggers {
            for text in texts {
                if let id = scanner.literalID(of: Array(text.utf8)) { table[id] |= kind.rawValue } else { missing.insert(kind) }
            }
        }
        kindsByLiteral = table
        alwaysOn = missing
    }

    /// The decoders the line with keyword hits `hits` triggers; every one when the hits are not
    /// known (the keyword search did not run on the line).
    func kinds(in hits: LineHits?) -> Kinds {
        guard let hits else { return .all }
        var found = alwaysOn
        for hit in hits.range {
            let id = hits.source.ids[hit]
            guard !ValueOverlay.isValueHit(id), Int(id) < kindsByLiteral.count else { continue }
            found.insert(Kinds(rawValue: kindsByLiteral[Int(id)]))
        }
        return found
    }
}
