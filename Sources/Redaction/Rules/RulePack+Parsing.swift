extension RulePack {
    /// Parses a rule file's text.
    ///
    /// Accepts a gitleaks config unchanged: rules with only `path` (no `regex`) are skipped with one
    /// notice, `[[rules.required]]` composite conditions are ignored (the primary rule still runs,
    /// so more is redacted, never less), and unknown keys are ignored.
    ///
    /// - Parameters:
    ///   - text: the TOML document.
    ///   - file: how to name the file in errors and notices.
    ///   - name: the pack name recorded on each rule.
    /// - Throws: ``RuleLoadError`` naming the file, line and (when known) rule id.
    public static func parse(_ text: String, file: String, name: String) throws(RuleLoadError) -> RulePack {
        let root: TOMLTable
        do {
            root = try TOMLParser.parse(text)
        } catch {
            throw RuleLoadError(location: SourceLocation(file: file, line: error.line),
                                message: "invalid TOML (column \(error.column)): \(error.message)")
        }
        let reader = PackReader(file: file)
        var pack = RulePack(name: name, file: file)
        pack.title = try reader.string(root, "title", rule: nil)

        if let node = root["extend"] {
            let table = try reader.table(node, key: "extend", rule: nil)
            pack.extension_ = Extension(
                useDefault: try reader.bool(table, "useDefault", rule: nil) ?? false,
                path: try reader.string(table, "path", rule: nil),
                disabledRules: try reader.strings(table, "disabledRules", rule: nil) ?? [])
        }

        pack.allowlists = try reader.allowlists(in: root, rule: nil, topLevel: true)

        var pathOnly = 0
        var seen: [String: Int] = [:]
        if let node = root["rules"] {
            guard case .array(let entries) = node.value else {
                throw reader.error(node.line, nil, "'rules' must be an array of tables ([[rules]])")
            }
            for entry in entries {
                let table = try reader.table(entry, key: "rules", rule: nil)
                guard let id = try reader.string(table, "id", rule: nil), !id.isEmpty else {
                    throw reader.error(table.line, nil, "rule has no 'id'")
                }
                guard let regex = try reader.string(table, "regex", rule: id) else {
                    if table["path"] != nil { pathOnly += 1; continue }
                    throw reader.error(table.line, id, "rule has no 'regex'")
                }
                if regex.isEmpty { throw reader.error(table.line, id, "'regex' is empty") }
                if let earlier = seen[id] {
                    throw reader.error(table.line, id, "duplicate rule id (first defined on line \(earlier))")
                }
                seen[id] = table.line
                let secretGroup = try reader.integer(table, "secretGroup", rule: id)
                if let secretGroup, secretGroup < 0 {
                    throw reader.error(table["secretGroup"]?.line ?? table.line, id, "'secretGroup' must be >= 0")
                }
                var block: BlockSpec?
                if let blockNode = table["block"] {
                    let blockTable = try reader.table(blockNode, key: "block", rule: id)
                    guard let begin = try reader.string(blockTable, "begin", rule: id),
                          let end = try reader.string(blockTable, "end", rule: id)
                    else { throw reader.error(blockTable.line, id, "'block' needs 'begin' and 'end'") }
                    let maxLines = try reader.integer(blockTable, "maxLines", rule: id) ?? 200
                    guard maxLines > 0 else { throw reader.error(blockTable.line, id, "'block.maxLines' must be > 0") }
                    block = BlockSpec(begin: begin, end: end, maxLines: maxLines)
                }
                let rule = RedactionRule(
                    id: id,
                    description: try reader.string(table, "description", rule: id) ?? "",
                    regex: regex,
                    secretGroup: secretGroup.flatMap { $0 == 0 ? nil : $0 },
                    entropy: try reader.double(table, "entropy", rule: id),
                    valueShape: try ValueShape(packValue: reader.string(table, "valueShape", rule: id), rule: id,
                                               at: SourceLocation(file: file, line: table["valueShape"]?.line ?? table.line)),
                    keywords: try reader.strings(table, "keywords", rule: id) ?? [],
                    tags: try reader.strings(table, "tags", rule: id) ?? [],
                    allowlists: try reader.allowlists(in: table, rule: id, topLevel: false),
                    replacement: try reader.string(table, "replacement", rule: id),
                    block: block,
                    mustRedact: try reader.strings(table, "mustRedact", rule: id) ?? [],
                    mustKeep: try reader.strings(table, "mustKeep", rule: id) ?? [],
                    enabledByDefault: try reader.bool(table, "enabled", rule: id) ?? true,
                    pack: name,
                    source: SourceLocation(file: file, line: table.line))
                pack.rules.append(rule)
            }
        }
        if pathOnly > 0 {
            pack.notices.append("\(file): skipped \(pathOnly) rule(s) that match only file paths (no 'regex'); they cannot apply to log lines")
        }
        return pack
    }
}

/// Typed access to TOML values with errors that name the file, line and rule id.
private struct PackReader {
    let file: String

    func error(_ line: Int, _ rule: String?, _ message: String) -> RuleLoadError {
        RuleLoadError(location: SourceLocation(file: file, line: line), ruleID: rule, message: message)
    }

    func table(_ node: TOMLNode, key: String, rule: String?) throws(RuleLoadError) -> TOMLTable {
        guard case .table(let table) = node.value else { throw error(node.line, rule, "'\(key)' must be a table") }
        return table
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

    /// Reads `allowlist` (single table, older schema) and `allowlists` (array of tables).
    func allowlists(in table: TOMLTable, rule: String?, topLevel: Bool) throws(RuleLoadError) -> [RuleAllowlist] {
        var tables: [TOMLTable] = []
        if let node = table["allowlist"] { tables.append(try self.table(node, key: "allowlist", rule: rule)) }
        if let node = table["allowlists"] {
            switch node.value {
            case .array(let items):
                for item in items { tables.append(try self.table(item, key: "allowlists", rule: rule)) }
            case .table(let single):
                tables.append(single)
            default:
                throw error(node.line, rule, "'allowlists' must be an array of tables")
            }
        }
        var result: [RuleAllowlist] = []
        for entry in tables {
            var target = RuleAllowlist.Target.secret
            if let raw = try string(entry, "regexTarget", rule: rule) {
                guard let parsed = RuleAllowlist.Target(rawValue: raw) else {
                    throw error(entry["regexTarget"]?.line ?? entry.line, rule,
                                "'regexTarget' must be \"secret\", \"match\" or \"line\"")
                }
                target = parsed
            }
            var requiresAll = false
            if let condition = try string(entry, "condition", rule: rule) {
                switch condition.uppercased() {
                case "AND": requiresAll = true
                case "OR": requiresAll = false
                default: throw error(entry["condition"]?.line ?? entry.line, rule, "'condition' must be \"AND\" or \"OR\"")
                }
            }
            let paths = try strings(entry, "paths", rule: rule) ?? []
            let commits = try strings(entry, "commits", rule: rule) ?? []
            result.append(RuleAllowlist(
                description: try string(entry, "description", rule: rule),
                regexes: try strings(entry, "regexes", rule: rule) ?? [],
                regexTarget: target,
                stopwords: try strings(entry, "stopwords", rule: rule) ?? [],
                requiresAll: requiresAll,
                hasGitOnlyCriteria: !paths.isEmpty || !commits.isEmpty,
                targetRules: topLevel ? (try strings(entry, "targetRules", rule: rule) ?? []) : []))
        }
        return result
    }
}
