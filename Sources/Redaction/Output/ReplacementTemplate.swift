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
    /// - Throws: ``Error`` for an unknown placeholder or an unbalanced brace.
    public init(_ text: String) throws(Error) {
        self.text = text
        var segments: [Segment] = []
        var literal: [UInt8] = []
        let bytes = Array(text.utf8)
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
        self.segments = segments
    }

    /// Why a template was refused.
    public enum Error: Swift.Error, Sendable, CustomStringConvertible {
        case unknownPlaceholder(String)
        case unbalancedBrace
        public var description: String {
            switch self {
            case .unknownPlaceholder(let name): return "unknown placeholder '{\(name)}' (use {rule}, {len} or {hash})"
            case .unbalancedBrace: return "unbalanced brace (write '{{' or '}}' for a literal brace)"
            }
        }
    }

    public var description: String { text }

    /// A PCRE2 pattern matching exactly the texts this template can produce (used so placeholders
    /// are never redacted again).
    var recognizerPattern: String {
        var pattern = ""
        for segment in segments {
            switch segment {
            case .literal(let bytes):
                for byte in bytes {
                    let isAlnum = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    if isAlnum { pattern.unicodeScalars.append(Unicode.Scalar(byte)) }
                    else { pattern += "\\x{" + String(byte, radix: 16) + "}" }
                }
            case .rule: pattern += "[A-Za-z0-9._-]+"
            case .length: pattern += "[0-9]+"
            case .hash: pattern += "[0-9a-f]{8}\\.[0-9a-f]{32}"
            }
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
