package import Redaction

/// `redact rules list`: rules as a JSON array or an aligned table (id, pack, description,
/// keywords). Rule metadata only: never a sample line.
package struct RuleListing {
    /// The rules to list, in order.
    package let rules: [RedactionRule]
    /// The ids of the rules redaction would use, to mark each listed rule enabled or not (an
    /// ENABLED column, an `enabled` field); nil lists no such column.
    package let enabled: Set<String>?

    package init(rules: [RedactionRule], enabled: Set<String>? = nil) {
        self.rules = rules
        self.enabled = enabled
    }

    /// A JSON array of objects with `id`, `pack`, `description`, `regex`, `secretGroup`,
    /// `keywords`, `source`, and when they apply `enabled`, `entropy`, `valueShape`, `block`.
    package func json() -> String {
        let objects = rules.map { rule -> String in
            var fields = [
                "\"id\":\(JSONStringCodec.encode(rule.id))",
                "\"pack\":\(JSONStringCodec.encode(rule.pack))",
                "\"description\":\(JSONStringCodec.encode(rule.description))",
                "\"regex\":\(JSONStringCodec.encode(rule.regex))",
                "\"secretGroup\":\(rule.secretGroup.map(String.init) ?? "null")",
                "\"keywords\":\(JSONStringCodec.encodeArray(rule.keywords))",
                "\"source\":\(JSONStringCodec.encode(rule.source.description))",
            ]
            if let enabled { fields.append("\"enabled\":\(enabled.contains(rule.id))") }
            if let entropy = rule.entropy { fields.append("\"entropy\":\(entropy)") }
            if let shape = rule.valueShape { fields.append("\"valueShape\":\(JSONStringCodec.encode(shape.rawValue))") }
            if let block = rule.block {
                fields.append("\"block\":{\"begin\":\(JSONStringCodec.encode(block.begin)),\"end\":\(JSONStringCodec.encode(block.end)),\"maxLines\":\(block.maxLines)}")
            }
            return "{" + fields.joined(separator: ",") + "}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]"
    }

    /// A header line and one line per rule (no trailing newline); ids are padded to at most 40
    /// characters.
    package func table() -> String {
        let idWidth = min(40, rules.map(\.id.count).max() ?? 2)
        let packWidth = rules.map(\.pack.count).max() ?? 4
        let enabledColumn = { (rule: RedactionRule) in
            enabled.map { ($0.contains(rule.id) ? "yes" : "no").padding(to: 7) + "  " } ?? ""
        }
        var lines = ["ID".padding(to: idWidth) + "  " + "PACK".padding(to: packWidth) + "  " + (enabled != nil ? "ENABLED  " : "")
            + "DESCRIPTION  [KEYWORDS]"]
        for rule in rules {
            lines.append(rule.id.padding(to: idWidth) + "  " + rule.pack.padding(to: packWidth) + "  " + enabledColumn(rule)
                + rule.description + "  [" + rule.keywords.joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n")
    }
}
