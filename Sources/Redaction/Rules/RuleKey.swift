import TOMLParser

/// One key a `[[rules]]` table may set: how it is read into a ``RedactionRule``, and how a later
/// definition that sets it changes an earlier rule with the same id (``RuleDefinition``).
///
/// Rows live in ``RuleFileSchema/ruleKeys``; adding a rule key is one row there.
struct RuleKey: Sendable {
    typealias Reader = @Sendable (RulePackReader, TOMLTable, inout RedactionRule) throws(RuleLoadError) -> Void
    typealias Merger = @Sendable (_ base: inout RedactionRule, _ change: RedactionRule) -> Void

    let name: String
    /// Reads the key (present in the table) into the rule; the rule's `id` is already set.
    let read: Reader
    /// Applies the key's value from `change` to `base`.
    let merge: Merger

    init(_ name: String, read: @escaping Reader, merge: @escaping Merger) {
        self.name = name
        self.read = read
        self.merge = merge
    }

    /// A string field; a later definition replaces it unless it is empty (gitleaks).
    static func string(_ name: String, _ field: any WritableKeyPath<RedactionRule, String> & Sendable) -> RuleKey {
        RuleKey(name, read: { reader, table, rule throws(RuleLoadError) in
            rule[keyPath: field] = try reader.string(table, name, rule: rule.id) ?? ""
        }, merge: { base, change in
            if !change[keyPath: field].isEmpty { base[keyPath: field] = change[keyPath: field] }
        })
    }

    /// An optional string field (swift-redact extensions); a later definition replaces it.
    static func optionalString(_ name: String, _ field: any WritableKeyPath<RedactionRule, String?> & Sendable) -> RuleKey {
        RuleKey(name, read: { reader, table, rule throws(RuleLoadError) in
            rule[keyPath: field] = try reader.string(table, name, rule: rule.id)
        }, merge: { base, change in base[keyPath: field] = change[keyPath: field] })
    }

    /// A list of strings; a later definition appends to it (gitleaks, for keywords and tags).
    static func strings(_ name: String, _ field: any WritableKeyPath<RedactionRule, [String]> & Sendable,
                        lowercased: Bool = false) -> RuleKey {
        RuleKey(name, read: { reader, table, rule throws(RuleLoadError) in
            let values = try reader.strings(table, name, rule: rule.id) ?? []
            rule[keyPath: field] = lowercased ? values.map(ASCIIFolding.lowercased) : values
        }, merge: { base, change in
            for value in change[keyPath: field] where !base[keyPath: field].contains(value) {
                base[keyPath: field].append(value)
            }
        })
    }

    /// A gitleaks key that cannot apply to a log line: its type is checked, its value unused.
    static func unused(_ name: String, check: @escaping Reader) -> RuleKey {
        RuleKey(name, read: check, merge: { _, _ in })
    }
}
