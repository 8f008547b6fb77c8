import TOMLParser

/// Every key a rule file may use, per table, in one place: the gitleaks config schema plus the
/// swift-redact extensions. A key that is not here is an error naming the closest known key.
///
/// To add a rule key, add one row to ``ruleKeys`` (how it is read, how a later definition with
/// the same id merges it) and the field to ``RedactionRule``.
enum RuleFileSchema {
    /// Keys of the document root. `description` and `minVersion` (gitleaks) are accepted and unused.
    static let topLevelKeys = ["title", "description", "minVersion", "extend", "rules", "allowlist", "allowlists"]

    /// Keys of `[extend]`. `url` is accepted and ignored, as gitleaks does (it never implemented it).
    static let extendKeys = ["useDefault", "path", "disabledRules", "url"]

    /// Keys of a rule's `[rules.allowlist]` / `[[rules.allowlists]]`.
    static let ruleAllowlistKeys = ["description", "condition", "regexTarget", "regexes", "stopwords", "paths", "commits"]

    /// Keys of a top-level `[allowlist]` / `[[allowlists]]` (gitleaks 8.25 adds `targetRules`).
    static let globalAllowlistKeys = ruleAllowlistKeys + ["targetRules"]

    /// Keys of `[rules.block]` (swift-redact extension).
    static let blockKeys = ["begin", "end", "maxLines", "value", "everyValue", "joinLines", "valueFrom"]

    /// Keys of gitleaks' `[[rules.required]]` (composite rules; unused here).
    static let requiredKeys = ["id", "withinLines", "withinColumns"]

    /// Keys of `[[rules]]`, in reading order. `id` is read first by the parser.
    static let ruleKeys: [RuleKey] = [
        RuleKey("id", read: { _, _, _ in }, merge: { _, _ in }),
        .string("description", \.description),
        RuleKey("regex", read: { reader, table, rule throws(RuleLoadError) in
            rule.regex = try reader.string(table, "regex", rule: rule.id) ?? ""
            if rule.regex.isEmpty { throw reader.error(table["regex"]?.line ?? table.line, rule.id, "'regex' is empty") }
        }, merge: { base, change in base.regex = change.regex }),
        RuleKey("secretGroup", read: { reader, table, rule throws(RuleLoadError) in
            let group = try reader.integer(table, "secretGroup", rule: rule.id) ?? 0
            if group < 0 { throw reader.error(table["secretGroup"]?.line ?? table.line, rule.id, "'secretGroup' must be >= 0") }
            rule.secretGroup = group == 0 ? nil : group
        }, merge: { base, change in if let group = change.secretGroup { base.secretGroup = group } }),
        RuleKey("entropy", read: { reader, table, rule throws(RuleLoadError) in
            rule.entropy = try reader.double(table, "entropy", rule: rule.id)
        }, merge: { base, change in if let entropy = change.entropy, entropy != 0 { base.entropy = entropy } }),
        RuleKey("valueShape", read: { reader, table, rule throws(RuleLoadError) in
            rule.valueShape = try ValueShape(packValue: reader.string(table, "valueShape", rule: rule.id), rule: rule.id,
                                             at: SourceLocation(file: reader.file, line: table["valueShape"]?.line ?? table.line))
        }, merge: { base, change in if let shape = change.valueShape { base.valueShape = shape } }),
        RuleKey("keywordWindow", read: { reader, table, rule throws(RuleLoadError) in
            guard let window = try reader.integer(table, "keywordWindow", rule: rule.id) else { return }
            guard (0...4096).contains(window) else {
                throw reader.error(table["keywordWindow"]?.line ?? table.line, rule.id, "'keywordWindow' must be 0 to 4096")
            }
            rule.keywordWindow = window
        }, merge: { base, change in if let window = change.keywordWindow { base.keywordWindow = window } }),
        .strings("keywords", \.keywords, lowercased: true),
        .strings("tags", \.tags),
        RuleKey("allowlist", read: { reader, table, rule throws(RuleLoadError) in
            rule.allowlists = try reader.allowlists(in: table, global: false, rule: rule.id)
        }, merge: { base, change in base.allowlists += change.allowlists }),
        RuleKey("allowlists", read: { reader, table, rule throws(RuleLoadError) in
            rule.allowlists = try reader.allowlists(in: table, global: false, rule: rule.id)
        }, merge: { base, change in base.allowlists += change.allowlists }),
        .optionalString("replacement", \.replacement),
        RuleKey("block", read: { reader, table, rule throws(RuleLoadError) in
            rule.block = try readBlock(reader, table, rule: rule.id)
        }, merge: { base, change in base.block = change.block }),
        .strings("mustRedact", \.mustRedact),
        .strings("mustKeep", \.mustKeep),
        RuleKey("enabled", read: { reader, table, rule throws(RuleLoadError) in
            rule.enabledByDefault = try reader.bool(table, "enabled", rule: rule.id) ?? true
        }, merge: { base, change in base.enabledByDefault = change.enabledByDefault }),
        // gitleaks keys with no meaning for a log line: the type is checked, the value unused.
        .unused("path") { reader, table, rule throws(RuleLoadError) in _ = try reader.string(table, "path", rule: rule.id) },
        .unused("skipReport") { reader, table, rule throws(RuleLoadError) in _ = try reader.bool(table, "skipReport", rule: rule.id) },
        .unused("required") { reader, table, rule throws(RuleLoadError) in
            guard let node = table["required"] else { return }
            for entry in try reader.tables(node, key: "required", rule: rule.id) {
                try reader.checkKeys(entry, allowed: requiredKeys, in: "[[rules.required]]", rule: rule.id)
                guard try reader.string(entry, "id", rule: rule.id) != nil else {
                    throw reader.error(entry.line, rule.id, "[[rules.required]] needs an 'id'")
                }
                _ = try reader.integer(entry, "withinLines", rule: rule.id)
                _ = try reader.integer(entry, "withinColumns", rule: rule.id)
            }
        },
    ]

    /// The names of ``ruleKeys``.
    static let ruleKeyNames = ruleKeys.map(\.name)

    /// Reads `[rules.block]`.
    static func readBlock(_ reader: RulePackReader, _ table: TOMLTable, rule: String) throws(RuleLoadError) -> BlockSpec? {
        guard let node = table["block"] else { return nil }
        let block = try reader.table(node, key: "block", rule: rule)
        try reader.checkKeys(block, allowed: blockKeys, in: "[rules.block]", rule: rule)
        guard let begin = try reader.string(block, "begin", rule: rule),
              let end = try reader.string(block, "end", rule: rule)
        else { throw reader.error(block.line, rule, "'block' needs 'begin' and 'end'") }
        let maxLines = try reader.integer(block, "maxLines", rule: rule) ?? 200
        guard maxLines > 0 else { throw reader.error(block.line, rule, "'block.maxLines' must be > 0") }
        let value = try reader.string(block, "value", rule: rule)
        let everyValue = try reader.bool(block, "everyValue", rule: rule) ?? false
        let joinLines = try reader.bool(block, "joinLines", rule: rule) ?? false
        let valueFrom = try reader.string(block, "valueFrom", rule: rule)
        if value != nil && valueFrom != nil {
            throw reader.error(block.line, rule, "'block.value' and 'block.valueFrom' exclude each other")
        }
        for (key, set) in [("everyValue", everyValue), ("joinLines", joinLines)] where set && value == nil && valueFrom == nil {
            throw reader.error(block.line, rule, "'block.\(key)' needs 'block.value' or 'block.valueFrom'")
        }
        return BlockSpec(begin: begin, end: end, maxLines: maxLines, value: value, everyValue: everyValue,
                         joinLines: joinLines, valueFrom: valueFrom)
    }

    /// The known key closest to `key`, if it is close enough to be a typo: the same letters in
    /// another case, or at most 2 edits (insert, delete, substitute, swap) away and less than
    /// half the key's length.
    static func suggestion(for key: String, among known: [String]) -> String? {
        if let sameLetters = known.first(where: { $0.lowercased() == key.lowercased() }) { return sameLetters }
        var best: (key: String, distance: Int)?
        for candidate in known {
            let distance = editDistance(Array(key.lowercased()), Array(candidate.lowercased()))
            if distance <= 2, distance * 2 < key.count, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.key
    }

    /// The optimal string alignment distance (Levenshtein plus transpositions of neighbours).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
