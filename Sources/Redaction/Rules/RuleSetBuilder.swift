/// Assembles the rules to run from the built-in packs, user rule files and `--enable` /
/// `--disable` selections, then compiles them.
///
/// Order and precedence: built-in rules first (unless excluded), then each user pack in the order
/// added. A pack's `[extend]` is resolved where the pack is added: `useDefault = true` brings in
/// the built-in rules (even under `--no-builtin`), `path` brings in another file's rules, and
/// `disabledRules` removes ids from what was assembled so far. A user rule with an id that already
/// exists replaces the earlier rule (a notice says so). Rules marked `enabled = false` in their
/// pack run only when selected with ``enable``. ``disable`` wins over everything.
///
/// The builder reads no files itself: a loader closure does (the engine has no file APIs).
public struct RuleSetBuilder: Sendable {
    public var includeBuiltin: Bool
    /// Rule ids or pack names to turn on (rules that are off by default).
    public var enable: [String] = []
    /// Rule ids or pack names to remove.
    public var disable: [String] = []
    /// User-facing notices gathered while assembling (skipped rules, overrides). No content.
    public private(set) var notices: [String] = []

    private var rules: [RedactionRule] = []
    /// Index of each rule id in ``rules``.
    private var ruleIndex: [String: Int] = [:]
    private var allowlists: [RuleAllowlist] = []
    private var builtinAdded = false
    /// Whether built-in rules carry their sample lines (parses the packs' TOML: slower start-up).
    private let builtinSamples: Bool

    /// - Parameters:
    ///   - includeBuiltin: start from the built-in packs.
    ///   - builtinSamples: load the built-in rules with their `mustRedact`/`mustKeep` lines (for
    ///     `rules test` and tests; redaction does not need them).
    public init(includeBuiltin: Bool = true, builtinSamples: Bool = false) throws(RuleLoadError) {
        self.includeBuiltin = includeBuiltin
        self.builtinSamples = builtinSamples
        if includeBuiltin { try addBuiltin() }
    }

    private mutating func addBuiltin() throws(RuleLoadError) {
        guard !builtinAdded else { return }
        builtinAdded = true
        for pack in try BuiltinPacks.load(withSamples: builtinSamples) { merge(pack) }
    }

    /// Adds a parsed user pack, resolving its `[extend]`.
    /// - Parameters:
    ///   - pack: the parsed pack.
    ///   - loadExtension: loads the pack an `[extend] path` names, given the path and the file of
    ///     the pack that names it. Called at most 8 levels deep (a cycle is an error).
    public mutating func add(_ pack: RulePack,
                             loadExtension: (_ path: String, _ relativeTo: String) throws(RuleLoadError) -> RulePack = { path, file throws(RuleLoadError) in
                                 throw RuleLoadError(location: SourceLocation(file: file, line: 0),
                                                     message: "[extend] path is not supported here")
                             }) throws(RuleLoadError) {
        try add(pack, depth: 0, loadExtension: loadExtension)
    }

    private mutating func add(_ pack: RulePack, depth: Int,
                              loadExtension: (String, String) throws(RuleLoadError) -> RulePack) throws(RuleLoadError) {
        guard depth < 8 else {
            throw RuleLoadError(location: SourceLocation(file: pack.file, line: 0), message: "[extend] nested too deeply (cycle?)")
        }
        notices += pack.notices
        if let ext = pack.extension_ {
            if ext.useDefault { try addBuiltin() }
            if let path = ext.path {
                let base = try loadExtension(path, pack.file)
                try add(base, depth: depth + 1, loadExtension: loadExtension)
            }
            if !ext.disabledRules.isEmpty {
                let removed = Set(ext.disabledRules)
                rules.removeAll { removed.contains($0.id) }
                ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($0.element.id, $0.offset) })
            }
        }
        merge(pack)
    }

    private mutating func merge(_ pack: RulePack) {
        for rule in pack.rules {
            if let index = ruleIndex[rule.id] {
                notices.append("\(rule.source): rule '\(rule.id)' replaces the one from \(rules[index].source)")
                rules[index] = rule
            } else {
                ruleIndex[rule.id] = rules.count
                rules.append(rule)
            }
        }
        allowlists += pack.allowlists
    }

    /// The selected rules, after `enable`/`disable`.
    /// - Throws: ``RuleLoadError`` when `enable` or `disable` names no known rule or pack.
    public func selectedRules() throws(RuleLoadError) -> [RedactionRule] {
        let packs = Set(rules.map(\.pack))
        let ids = Set(rules.map(\.id))
        for name in enable + disable where !ids.contains(name) && !packs.contains(name) {
            throw RuleLoadError(location: SourceLocation(file: "--enable/--disable", line: 0),
                                message: "no rule or pack named '\(name)' (see `redact rules list`)")
        }
        let enabled = Set(enable)
        let disabled = Set(disable)
        return rules.filter { rule in
            if disabled.contains(rule.id) || disabled.contains(rule.pack) { return false }
            return rule.enabledByDefault || enabled.contains(rule.id) || enabled.contains(rule.pack)
        }
    }

    /// Top-level allowlists gathered from all packs.
    public var globalAllowlists: [RuleAllowlist] { allowlists }

    /// Compiles the selected rules.
    public func build(options: CompiledRuleSet.Options = CompiledRuleSet.Options()) throws(RuleLoadError) -> CompiledRuleSet {
        try CompiledRuleSet(rules: try selectedRules(), allowlists: allowlists, options: options)
    }
}
