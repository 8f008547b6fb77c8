/// Decodes the rule table `.ci/embed-patterns` writes for each built-in pack: the fields redaction
/// needs, without sample lines, in a length-prefixed record format (see the script's header for
/// the tags). Decoding is a single pass over the bytes with no TOML parsing, so loading hundreds
/// of built-in rules costs little at start-up.
///
/// The table is generated from the same TOML the parser reads, and a test checks that both give
/// the same rules; a malformed table is a build defect, reported as a ``RuleLoadError``.
enum BuiltinRuleTable {
    /// Decodes `table` into the rules and global allowlists of pack `name`.
    static func decode(_ table: String, name: String) throws(RuleLoadError) -> RulePack {
        // The embedded tables are string literals: their UTF-8 is read where it lies (no copy of
        // hundreds of kilobytes into fresh memory at start-up).
        var table = table
        let result = table.withUTF8 { bytes -> Result<RulePack, RuleLoadError> in
            do throws(RuleLoadError) { return .success(try decode(bytes, name: name)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// ``decode(_:name:)`` over the table's UTF-8.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, name: String) throws(RuleLoadError) -> RulePack {
        let file = "builtin:\(name)"
        var pack = RulePack(name: name, file: file)
        // The rule and allowlist being read are plain variables mutated in place (an optional
        // copied out and back per field made ~16 struct copies per rule at start-up).
        var rule = RedactionRule(id: "", regex: "")
        var hasRule = false
        var allowlist = RuleAllowlist()
        var hasAllowlist = false
        var allowlistIsGlobal = false
        var blockBegin: String?
        var blockEnd: String?
        var blockMaxLines = 200
        var blockValue: String?
        var blockEveryValue = false
        var blockJoinLines = false
        var blockValueFrom: String?

        func malformed(_ what: String) -> RuleLoadError {
            RuleLoadError(location: SourceLocation(file: file, line: 0), message: "malformed built-in rule table: \(what)")
        }
        func finishAllowlist() {
            guard hasAllowlist else { return }
            if allowlistIsGlobal { pack.allowlists.append(allowlist) } else if hasRule { rule.allowlists.append(allowlist) }
            hasAllowlist = false
        }
        func finishRule() {
            finishAllowlist()
            guard hasRule else { return }
            if let blockBegin, let blockEnd {
                rule.block = BlockSpec(begin: blockBegin, end: blockEnd, maxLines: blockMaxLines, value: blockValue,
                                       everyValue: blockEveryValue, joinLines: blockJoinLines, valueFrom: blockValueFrom)
            }
            pack.rules.append(RuleDefinition(complete: rule))
            hasRule = false
            blockBegin = nil
            blockEnd = nil
            blockMaxLines = 200
            blockValue = nil
            blockEveryValue = false
            blockJoinLines = false
            blockValueFrom = nil
        }

        var index = 0
        while index < bytes.count {
            let tag = bytes[index]
            index += 1
            var length = 0
            while index < bytes.count, bytes[index] != UInt8(ascii: ":") {
                let digit = Int(bytes[index]) - 0x30
                guard digit >= 0 && digit <= 9, length < 1 << 40 else { throw malformed("bad length") }
                length = length * 10 + digit
                index += 1
            }
            index += 1  // ':'
            guard index + length <= bytes.count else { throw malformed("truncated field") }
            let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]), as: UTF8.self)
            index += length

            switch tag {
            case UInt8(ascii: "R"):
                finishRule()
                rule = RedactionRule(id: "", regex: "", pack: name, source: SourceLocation(file: file, line: Int(value) ?? 0))
                hasRule = true
            case UInt8(ascii: "A"):
                finishAllowlist()
                // Global allowlists come after every rule: the last rule is complete when one starts.
                if value == "global" { finishRule() }
                allowlist = RuleAllowlist()
                hasAllowlist = true
                allowlistIsGlobal = value == "global"
            default:
                if hasAllowlist {
                    switch tag {
                    case UInt8(ascii: "D"): allowlist.description = value
                    case UInt8(ascii: "X"): allowlist.regexes.append(value)
                    case UInt8(ascii: "T"):
                        guard let target = RuleAllowlist.Target(rawValue: value) else { throw malformed("regexTarget") }
                        allowlist.regexTarget = target
                    case UInt8(ascii: "S"): allowlist.stopwords.append(ASCIIFolding.lowercased(value))
                    case UInt8(ascii: "C"): allowlist.requiresAll = value.uppercased() == "AND"
                    case UInt8(ascii: "G"): allowlist.hasGitOnlyCriteria = true
                    case UInt8(ascii: "U"): allowlist.targetRules.append(value)
                    default: throw malformed("tag \(Unicode.Scalar(tag)) inside an allowlist")
                    }
                    continue
                }
                guard hasRule else { throw malformed("field before the first rule") }
                switch tag {
                case UInt8(ascii: "i"): rule.id = value
                case UInt8(ascii: "d"): rule.description = value
                case UInt8(ascii: "x"): rule.regex = value
                case UInt8(ascii: "g"):
                    guard let group = Int(value) else { throw malformed("secretGroup") }
                    rule.secretGroup = group == 0 ? nil : group
                case UInt8(ascii: "e"):
                    guard let entropy = Double(value) else { throw malformed("entropy") }
                    rule.entropy = entropy
                case UInt8(ascii: "k"): rule.keywords.append(ASCIIFolding.lowercased(value))
                case UInt8(ascii: "K"): rule.keywords.append(value)  // ASCII, lowered by the embedder
                case UInt8(ascii: "t"): rule.tags.append(value)
                case UInt8(ascii: "r"): rule.replacement = value
                case UInt8(ascii: "n"): rule.enabledByDefault = value == "1"
                case UInt8(ascii: "v"):
                    guard let shape = ValueShape(rawValue: value) else { throw malformed("valueShape") }
                    rule.valueShape = shape
                case UInt8(ascii: "w"):
                    guard let window = Int(value) else { throw malformed("keywordWindow") }
                    rule.keywordWindow = window
                case UInt8(ascii: "b"): blockBegin = value
                case UInt8(ascii: "B"): blockEnd = value
                case UInt8(ascii: "V"): blockValue = value
                case UInt8(ascii: "E"): blockEveryValue = value == "1"
                case UInt8(ascii: "J"): blockJoinLines = value == "1"
                case UInt8(ascii: "F"): blockValueFrom = value
                case UInt8(ascii: "m"):
                    guard let lines = Int(value) else { throw malformed("maxLines") }
                    blockMaxLines = lines
                default: throw malformed("unknown tag \(Unicode.Scalar(tag))")
                }
            }
        }
        finishRule()
        return pack
    }
}
