import TOMLParser

/// Typed, strict access to the TOML tables of one rule file, with errors that name the file, the
/// line and (when known) the rule id.
///
/// Strict: a key no table of its kind knows (``RuleFileSchema``) is an error with a suggestion,
/// a value of the wrong type is an error, and so is an allowlist gitleaks would refuse.
struct RulePackReader {
    let file: String

    func error(_ line: Int, _ rule: String?, _ message: String) -> RuleLoadError {
        RuleLoadError(location: SourceLocation(file: file, line: line), ruleID: rule, message: message)
    }

    // MARK: Keys

    /// Refuses the first key of `table` that is not in `allowed`, suggesting the closest known one.
    /// - Parameter what: the table's name in messages (`[[rules]]`, `[extend]`, ...).
    func checkKeys(_ table: TOMLTable, allowed: [String], in what: String, rule: String?) throws(RuleLoadError) {
        for key in table.keys where !allowed.contains(key) {
            var message = "unknown key '\(Self.printable(key))' in \(what)"
            if let known = RuleFileSchema.suggestion(for: key, among: allowed) {
                message += " (did you mean '\(known)'?)"
            }
            throw error(table[key]?.line ?? table.line, rule, message)
        }
    }

    /// `text` with control characters escaped and cut to 64 characters, for messages.
    static func printable(_ text: String) -> String {
        var result = ""
        for (count, scalar) in text.unicodeScalars.enumerated() {
            if count == 64 { return result + "…" }
            if RedactionRule.isControl(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    // MARK: Values

    func table(_ node: TOMLNode, key: String, rule: String?) throws(RuleLoadError) -> TOMLTable {
        guard case .table(let table) = node.value else { throw error(node.line, rule, "'\(key)' must be a table") }
        return table
    }

    /// The tables of an array of tables (`[[key]]`, or an array of inline tables).
    func tables(_ node: TOMLNode, key: String, rule: String?) throws(RuleLoadError) -> [TOMLTable] {
        guard case .array(let items) = node.value else {
            throw error(node.line, rule, "'\(key)' must be an array of tables ([[\(key)]])")
        }
        var result: [TOMLTable] = []
        for item in items { result.append(try table(item, key: key, rule: rule)) }
        return result
    }

    func string(_ table: TOMLTable, _ key: String, rule: String?) throws(RuleLoadError) -> String? {
        guard let node = table[key] else { return nil }
        guard case .string(let value) = node.value else { throw error(node.line, rule, "'\(key)' must be a string") }
        return value
    }

    func bool(_ table: TOMLTable, _ key: String, rule: String?) throws(RuleLoadError) -> Bool? {
        guard let node = table[key] else { return nil }
        guard case .boolean(let value) = node.value else { throw error(node.line, rule, "'\(key)' must be true or false") }
        return value
    }

    func integer(_ table: TOMLTable, _ key: String, rule: String?) throws(RuleLoadError) -> Int? {
        guard let node = table[key] else { return nil }
        guard case .integer(let value) = node.value, let int = Int(exactly: value) else {
            throw error(node.line, rule, "'\(key)' must be an integer")
        }
        return int
    }

    func double(_ table: TOMLTable, _ key: String, rule: String?) throws(RuleLoadError) -> Double? {
        guard let node = table[key] else { return nil }
        switch node.value {
        case .float(let value): return value
        case .integer(let value): return Double(value)
        default: throw error(node.line, rule, "'\(key)' must be a number")
        }
    }

    func strings(_ table: TOMLTable, _ key: String, rule: String?) throws(RuleLoadError) -> [String]? {
        guard let node = table[key] else { return nil }
        guard case .array(let items) = node.value else { throw error(node.line, rule, "'\(key)' must be an array of strings") }
        var result: [String] = []
        for item in items {
            guard case .string(let value) = item.value else {
                throw error(item.line, rule, "'\(key)' must contain only strings")
            }
            result.append(value)
        }
        return result
    }

    // MARK: Allowlists

    /// Reads one allowlist table, as gitleaks does: `condition` is `AND`/`&&` or `OR`/`||` (any
    /// case; default OR), `regexTarget` is `secret` (default), `match` or `line`, and at least one
    /// of `commits`, `paths`, `regexes` or `stopwords` must be present.
    /// - Parameter global: a top-level allowlist, which may have `targetRules`.
    func allowlist(_ entry: TOMLTable, global: Bool, what: String, rule: String?) throws(RuleLoadError) -> RuleAllowlist {
        try checkKeys(entry, allowed: global ? RuleFileSchema.globalAllowlistKeys : RuleFileSchema.ruleAllowlistKeys,
                      in: what, rule: rule)
        var target = RuleAllowlist.Target.secret
        if let raw = try string(entry, "regexTarget", rule: rule), !raw.isEmpty {
            guard let parsed = RuleAllowlist.Target(rawValue: raw) else {
                throw error(entry["regexTarget"]?.line ?? entry.line, rule,
                            "'regexTarget' must be \"secret\", \"match\" or \"line\"")
            }
            target = parsed
        }
        var requiresAll = false
        if let condition = try string(entry, "condition", rule: rule) {
            switch condition.uppercased() {
            case "AND", "&&": requiresAll = true
            case "OR", "||", "": requiresAll = false
            default: throw error(entry["condition"]?.line ?? entry.line, rule, "'condition' must be \"AND\" or \"OR\"")
            }
        }
        let paths = try strings(entry, "paths", rule: rule) ?? []
        let commits = try strings(entry, "commits", rule: rule) ?? []
        let regexes = try strings(entry, "regexes", rule: rule) ?? []
        let stopwords = try strings(entry, "stopwords", rule: rule) ?? []
        if paths.isEmpty && commits.isEmpty && regexes.isEmpty && stopwords.isEmpty {
            throw error(entry.line, rule, "\(what) must contain at least one check: commits, paths, regexes or stopwords")
        }
        return RuleAllowlist(
            description: try string(entry, "description", rule: rule),
            regexes: regexes, regexTarget: target, stopwords: stopwords, requiresAll: requiresAll,
            hasGitOnlyCriteria: !paths.isEmpty || !commits.isEmpty,
            targetRules: global ? (try strings(entry, "targetRules", rule: rule) ?? []) : [],
            source: SourceLocation(file: file, line: entry.line))
    }

    /// The allowlists of `table` under the older single-table key `allowlist` and the newer
    /// array-of-tables key `allowlists` (gitleaks refuses both in one table, and so does this).
    func allowlists(in table: TOMLTable, global: Bool, rule: String?) throws(RuleLoadError) -> [RuleAllowlist] {
        let prefix = global ? "" : "rules."
        if let old = table["allowlist"], let new = table["allowlists"] {
            throw error(max(old.line, new.line), rule,
                        "[\(prefix)allowlist] is the older form of [[\(prefix)allowlists]]: use one of them, not both")
        }
        var result: [RuleAllowlist] = []
        if let node = table["allowlist"] {
            result.append(try allowlist(try self.table(node, key: "allowlist", rule: rule),
                                        global: global, what: "[\(prefix)allowlist]", rule: rule))
        }
        if let node = table["allowlists"] {
            var entries: [TOMLTable]
            if case .table(let single) = node.value {
                entries = [single]  // `[allowlists]` as one table: gitleaks (viper) accepts it as a list of one
            } else {
                entries = try tables(node, key: "allowlists", rule: rule)
            }
            for entry in entries {
                result.append(try allowlist(entry, global: global, what: "[[\(prefix)allowlists]]", rule: rule))
            }
        }
        return result
    }
}
