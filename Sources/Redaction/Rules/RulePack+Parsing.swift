import TOMLParser

extension RulePack {
    /// Parses a rule file's text.
    ///
    /// Accepts a gitleaks config unchanged (`[extend]`, `[allowlist]` and `[[allowlists]]` with
    /// `targetRules`, rule allowlists with `condition`, `regexTarget`, `stopwords`, `paths` and
    /// `commits`, `[[rules.required]]`, `skipReport`); keys that only concern git or file paths are
    /// checked and unused, since they cannot apply to a log line. Strict: an unknown key is an
    /// error that suggests the closest known one (``RuleFileSchema``); so are a value of the wrong
    /// type, an allowlist without any check, both `allowlist` and `allowlists` in one table, both
    /// `useDefault` and `path` in `[extend]`, and a rule id with a control character. Two entries
    /// with one id: the later one wins, with a notice (as in gitleaks). Whether a rule without
    /// `regex` extends an earlier rule or is refused is decided by ``RuleSetBuilder``.
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
            throw invalidTOML(error, file: file)
        }
        return try parse(root, file: file, name: name)
    }

    /// Parses a rule file's bytes, which must be UTF-8 (an invalid sequence is reported with its
    /// line and column).
    /// - Throws: ``RuleLoadError`` naming the file, line and (when known) rule id.
    public static func parse(utf8 bytes: [UInt8], file: String, name: String) throws(RuleLoadError) -> RulePack {
        let root: TOMLTable
        do {
            root = try TOMLParser.parse(utf8: bytes)
        } catch {
            throw invalidTOML(error, file: file)
        }
        return try parse(root, file: file, name: name)
    }

    private static func invalidTOML(_ error: TOMLParseError, file: String) -> RuleLoadError {
        RuleLoadError(location: SourceLocation(file: file, line: error.line),
                      message: "invalid TOML (column \(error.column)): \(error.message)")
    }

    private static func parse(_ root: TOMLTable, file: String, name: String) throws(RuleLoadError) -> RulePack {
        let reader = RulePackReader(file: file)
        try reader.checkKeys(root, allowed: RuleFileSchema.topLevelKeys, in: "the top level", rule: nil)
        var pack = RulePack(name: name, file: file)
        pack.title = try reader.string(root, "title", rule: nil)
        _ = try reader.string(root, "description", rule: nil)
        _ = try reader.string(root, "minVersion", rule: nil)

        if let node = root["extend"] {
            let table = try reader.table(node, key: "extend", rule: nil)
            try reader.checkKeys(table, allowed: RuleFileSchema.extendKeys, in: "[extend]", rule: nil)
            let extend = Extension(
                useDefault: try reader.bool(table, "useDefault", rule: nil) ?? false,
                path: try reader.string(table, "path", rule: nil),
                disabledRules: try reader.strings(table, "disabledRules", rule: nil) ?? [],
                source: SourceLocation(file: file, line: table.line))
            if extend.useDefault && extend.path != nil {
                throw reader.error(table.line, nil, "[extend] sets both 'useDefault' and 'path' (gitleaks refuses this too): extend one of them")
            }
            if extend.path?.isEmpty == true { throw reader.error(table["path"]?.line ?? table.line, nil, "[extend] 'path' is empty") }
            if try reader.string(table, "url", rule: nil) != nil {
                pack.notices.append("\(file):\(table["url"]?.line ?? table.line): [extend] 'url' is ignored (gitleaks does not implement it either)")
            }
            pack.extend = extend
        }

        pack.allowlists = try reader.allowlists(in: root, global: true, rule: nil)

        var lineOfID: [String: Int] = [:]
        if let node = root["rules"] {
            for table in try reader.tables(node, key: "rules", rule: nil) {
                let definition = try parseRule(table, reader: reader, pack: name)
                let id = definition.rule.id
                if let earlier = lineOfID[id] {
                    pack.notices.append("\(file):\(table.line): rule '\(id)' replaces its definition on line \(earlier) (the last definition in a file wins, as in gitleaks)")
                    pack.rules.removeAll { $0.rule.id == id }
                }
                lineOfID[id] = table.line
                pack.rules.append(definition)
            }
        }
        return pack
    }

    /// Reads one `[[rules]]` table: its `id`, then every other key through ``RuleFileSchema/ruleKeys``.
    private static func parseRule(_ table: TOMLTable, reader: RulePackReader, pack: String) throws(RuleLoadError) -> RuleDefinition {
        guard let id = try reader.string(table, "id", rule: nil), !id.isEmpty else {
            throw reader.error(table.line, nil, "rule has no 'id'")
        }
        if let problem = RedactionRule.problem(withID: id) {
            throw reader.error(table["id"]?.line ?? table.line, nil, problem)
        }
        try reader.checkKeys(table, allowed: RuleFileSchema.ruleKeyNames, in: "[[rules]]", rule: id)
        var rule = RedactionRule(id: id, regex: "", pack: pack, source: SourceLocation(file: reader.file, line: table.line))
        for key in RuleFileSchema.ruleKeys where table[key.name] != nil {
            try key.read(reader, table, &rule)
        }
        return RuleDefinition(rule: rule, keys: Set(table.keys))
    }
}
