/// A replacement text with placeholders: `{rule}` (rule id), `{len}` (masked length in bytes) and
/// `{hash}` (keyed fingerprint, see ``HashKey``). `{{` and `}}` write literal braces.
///
/// The default template is `***`.
public struct ReplacementTemplate: Sendable, Hashable, CustomStringConvertible {
    enum Segment: Sendable, Hashable {
        case literal([UInt8])
        case rule
        case length
        case hash
    }

    let segments: [Segment]
    /// The template as written.
    public let text: String

    /// `***`.
    public static let `default` = try! ReplacementTemplate("***")

    /// Whether the rendered text depends on the secret (`{len}` or `{hash}`); when false it
    /// depends on the rule id only.
    public var dependsOnSecret: Bool { segments.contains(.hash) || segments.contains(.length) }

    /// Whether the template uses `{hash}` (and so needs a key).
    public var usesHash: Bool { segments.contains(.hash) }

    /// Parses a template.
    ///
    /// A template is refused when its output could not be told apart from a secret: it must not
    /// hold a control character (a newline would change the line count), and a template that uses
    /// `{len}` needs an anchor, i.e. a `{rule}`, a `{hash}` or a literal character that is not a
    /// letter or digit (`{len}` alone renders a bare number, and a numeric password would then be
    /// taken for a placeholder and never masked).
    /// - Throws: ``Error`` for an unknown placeholder, an unbalanced brace, a control character or
    ///   a template without an anchor.
    public init(_ text: String) throws(Error) {
        self.text = text
        var segments: [Segment] = []
        var literal: [UInt8] = []
        let bytes = Array(text.utf8)
        if let control = bytes.first(where: { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F }) {
            throw .controlCharacter(control)
        }
        var index = 0
        func flush() {
            if !literal.isEmpty { segments.append(.literal(literal)); literal = [] }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "{") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") {
                    literal.append(byte); index += 2; continue
                }
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else { throw .unbalancedBrace }
                let name = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
                flush()
                switch name {
                case "rule": segments.append(.rule)
                case "len": segments.append(.length)
                case "hash": segments.append(.hash)
                default: throw .unknownPlaceholder(name)
                }
                index = close + 1
            } else if byte == UInt8(ascii: "}") {
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "}") else { throw .unbalancedBrace }
                literal.append(byte); index += 2
            } else {
                literal.append(byte); index += 1
            }
        }
        flush()
        if segments.contains(.length) && !segments.contains(.rule) && !segments.contains(.hash) {
            let anchored = segments.contains { segment in
                if case .literal(let bytes) = segment { return bytes.contains { !Self.isAlphanumeric($0) } }
                return false
            }
            if !anchored { throw .noAnchor }
        }
        self.segments = segments
    }

    /// Why a template was refused.
    public enum Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        case unknownPlaceholder(String)
        case unbalancedBrace
        /// A control character (the byte) would change the line structure of the output.
        case controlCharacter(UInt8)
        /// `{len}` without `{rule}`, `{hash}` or punctuation: its output looks like any number.
        case noAnchor
        public var description: String {
            switch self {
            case .unknownPlaceholder(let name): return "unknown placeholder '{\(name)}' (use {rule}, {len} or {hash})"
            case .unbalancedBrace: return "unbalanced brace (write '{{' or '}}' for a literal brace)"
            case .controlCharacter(let byte):
                return "control character 0x\(String(byte, radix: 16)) (a placeholder must stay on its line)"
            case .noAnchor:
                return "{len} needs {rule}, {hash} or punctuation beside it (for example '[{len}]'), "
                    + "or a masked number could not be told from a real one"
            }
        }
    }

    @inline(__always)
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    public var description: String { text }

    /// A PCRE2 pattern matching exactly the texts this template can produce (used so placeholders
    /// are never redacted again): `{rule}` matches only the given rule ids, `{len}` a decimal
    /// number, `{hash}` a fingerprint of the given key id. Nil for the empty template (it renders
    /// nothing to recognise).
    func recognizerPattern(ruleIDs: [String], keyID: String?) -> String? {
        if segments.isEmpty { return nil }
        var pattern = ""
        for segment in segments {
            switch segment {
            case .literal(let bytes): pattern += Self.escaped(bytes)
            case .rule:
                // Longest ids first: PCRE2 alternation is leftmost-first, and a search must take the
                // whole placeholder, not a shorter id that is a prefix of it. (Sorted only here: a
                // template without {rule}, such as the default, needs no order of thousands of ids.)
                let ids = ruleIDs.sorted { $0.utf8.count != $1.utf8.count ? $0.utf8.count > $1.utf8.count : $0 < $1 }
                pattern += "(?:" + ids.map { Self.escaped(Array($0.utf8)) }.joined(separator: "|") + ")"
            case .length: pattern += "[0-9]{1,19}"
            case .hash: pattern += (keyID.map { Self.escaped(Array($0.utf8)) } ?? "[0-9a-f]{8}") + "\\.[0-9a-f]{32}"
            }
        }
        return pattern
    }

    /// `bytes` as a PCRE2 literal: letters and digits as they are, everything else as `\x{hh}`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var pattern = ""
        for byte in bytes {
            if isAlphanumeric(byte) { pattern.unicodeScalars.append(Unicode.Scalar(byte)) }
            else { pattern += "\\x{" + String(byte, radix: 16) + "}" }
        }
        return pattern
    }

    /// Appends the rendered replacement for `secret` to `output`.
    @inline(__always)
    func render(ruleID: String, secret: UnsafeRawBufferPointer, hashKey: HashKey?, into output: inout [UInt8]) {
        for segment in segments {
            switch segment {
            case .literal(let bytes): output.append(contentsOf: bytes)
            case .rule: output.append(contentsOf: ruleID.utf8)
            case .length: output.append(contentsOf: String(secret.count).utf8)
            case .hash:
                // Construction guarantees a key whenever a template uses {hash}.
                if let hashKey { output.append(contentsOf: hashKey.fingerprint(secret).utf8) }
            }
        }
    }

    /// The replacement for `secret` as a string (what the stream path writes for the same secret).
    public func render(ruleID: String, secret: UnsafeRawBufferPointer, hashKey: HashKey?) -> String {
        var output: [UInt8] = []
        render(ruleID: ruleID, secret: secret, hashKey: hashKey, into: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
