import Redaction

/// Why a whole value is masked; the rule id a `{rule}` placeholder shows for it.
enum MaskReason: Int, CaseIterable {
    case sensitiveKey
    case sensitivity
    case notAllowed

    /// Rule ids use the characters of real rule ids (`[A-Za-z0-9._-]`), so the engine's placeholder
    /// guard recognises the rendered text and never redacts it again.
    var ruleID: String {
        switch self {
        case .sensitiveKey: return "sensitive-key"
        case .sensitivity: return "sensitive"
        case .notAllowed: return "not-allowed"
        }
    }
}

/// Renders the rule set's replacement template for values masked whole (by key, attribute or
/// mode), so they look like the engine's own placeholders: same template, same `{hash}` key, so
/// the same secret gets the same fingerprint as in the CLI.
///
/// ## Design rationale
/// `ReplacementTemplate.render` is internal to the engine, so the template is re-parsed here from
/// its public `text` (it was validated when the rule set was built). When the template has no
/// `{len}` or `{hash}`, the text per reason is computed once and masking allocates nothing.
struct MaskRenderer: Sendable {
    private enum Segment: Sendable {
        case literal(String)
        case rule
        case length
        case hash
    }

    private let segments: [Segment]
    private let hashKey: HashKey?
    /// Rendered text per ``MaskReason`` when it does not depend on the value.
    private let constant: [String]?

    init(template: ReplacementTemplate, hashKey: HashKey?) {
        var segments: [Segment] = []
        var literal = ""
        let text = Array(template.text.utf8)
        var index = 0
        func flush() {
            if !literal.isEmpty { segments.append(.literal(literal)); literal = "" }
        }
        while index < text.count {
            let byte = text[index]
            let next: UInt8? = index + 1 < text.count ? text[index + 1] : nil
            if byte == UInt8(ascii: "{"), next == UInt8(ascii: "{") {
                literal += "{"; index += 2
            } else if byte == UInt8(ascii: "}"), next == UInt8(ascii: "}") {
                literal += "}"; index += 2
            } else if byte == UInt8(ascii: "{"), let close = text[index...].firstIndex(of: UInt8(ascii: "}")) {
                flush()
                switch String(decoding: text[(index + 1)..<close], as: UTF8.self) {
                case "rule": segments.append(.rule)
                case "len": segments.append(.length)
                case "hash": segments.append(.hash)
                default: segments.append(.literal(String(decoding: text[index...close], as: UTF8.self)))
                }
                index = close + 1
            } else {
                // Collect the run of ordinary bytes up to the next brace (keeps UTF-8 sequences whole).
                var end = index + 1
                while end < text.count && text[end] != UInt8(ascii: "{") && text[end] != UInt8(ascii: "}") { end += 1 }
                literal += String(decoding: text[index..<end], as: UTF8.self)
                index = end
            }
        }
        flush()
        self.segments = segments
        self.hashKey = hashKey
        let dependsOnValue = segments.contains {
            switch $0 {
            case .length, .hash: return true
            case .literal, .rule: return false
            }
        }
        if dependsOnValue {
            constant = nil
        } else {
            constant = MaskReason.allCases.map { reason in
                segments.map {
                    if case .literal(let text) = $0 { return text }
                    return reason.ruleID
                }.joined()
            }
        }
    }

    /// The text that replaces a value masked for `reason`, without rendering the value when
    /// the template does not need it.
    @inline(__always)
    func constantText(for reason: MaskReason) -> String? {
        constant?[reason.rawValue]
    }

    /// The text that replaces `value` (its full text) masked for `reason`.
    func render(_ reason: MaskReason, value: @autoclosure () -> String) -> String {
        if let constant { return constant[reason.rawValue] }
        let text = value()
        var output = ""
        for segment in segments {
            switch segment {
            case .literal(let literal): output += literal
            case .rule: output += reason.ruleID
            case .length: output += String(text.utf8.count)
            case .hash:
                // The rule set refuses a {hash} template without a key, so a key is always here.
                if let hashKey { output += hashKey.fingerprint(text) }
            }
        }
        return output
    }
}
