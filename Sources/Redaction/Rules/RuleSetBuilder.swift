/// Assembles the rules to run from the built-in packs, rule files and the `enable` / `disable`
/// selections, then compiles them.
///
/// Order and precedence: built-in rules first (unless excluded), then each pack in the order
/// added. A pack is resolved as gitleaks resolves a config:
/// 1. its `[extend]` first: `useDefault = true` brings in the built-in rules (even when they were
///    excluded; ``builtinRequestedDespiteExclusion`` then says by which file), `path` brings in
///    another file's rules, itself resolved the same way (up to 8 levels; a cycle is an error);
///    `disabledRules` then removes ids from everything assembled so far (gitleaks: from the
///    extended rules; ids no rule has get a notice, as gitleaks warns);
/// 2. then its own definitions, in file order: a definition with the id of a rule already
///    assembled (a base rule, a built-in rule, a rule of an earlier file) is merged into it field
///    by field (``RuleDefinition/merged(onto:)``); a new one needs a `regex` (gitleaks: a `regex`
///    or a `path`; a rule with only `path` cannot apply to log lines and is skipped with a notice);
/// 3. then its top-level allowlists: each applies to every rule, or to its `targetRules`, which
///    must name rules assembled so far.
///
/// Rules marked `enabled = false` run only when selected with ``enable``; ``disable`` wins over
/// everything. The builder reads no files itself: a loader closure does (the engine has no file
/// APIs).
public struct RuleSetBuilder: Sendable {
    public var includeBuiltin: Bool
    /// Rule ids or pack names to turn on (rules that are off by default).
    public var enable: [String] = []
    /// Rule ids or pack names to remove.
    public var disable: [String] = []
    /// User-facing notices gathered while assembling (skipped rules, merges into rules the file did
    /// not extend). They name files, lines and rule ids, never content.
    public private(set) var notices: [String] = []
    /// The `[extend]` that brought in the built-in rules although ``includeBuiltin`` is `false`
    /// (the file wins), if any.
    public private(set) var builtinRequestedDespiteExclusion: SourceLocation?

    private var rules: [RedactionRule] = []
    /// Index of each rule id in ``rules``.
    private var ruleIndex: [String: Int] = [:]
    private var allowlists: [RuleAllowlist] = []
    private var builtinAdded = false
    /// Whether ``rules`` are exactly the rules of the built-in packs as decoded (no samples), each
    /// once, in pack order: no file was added.
    private var onlyDecodedBuiltins = false
    /// Whether built-in rules carry their sample lines (parses the packs' TOML: slower start-up).
    private let builtinSamples: Bool

    /// The deepest chain of `[extend] path` followed.
    public static let maximumExtendDepth = 8

    /// - Parameters:
    ///   - includeBuiltin: start from the built-in packs.
    ///   - builtinSamples: load the built-in rules with their `mustRedact`/`mustKeep` lines (for
    ///     `rules test` and tests; redaction does not need them).
    public init(includeBuiltin: Bool = true, builtinSamples: Bool = false) throws(RuleLoadError) {
        self.includeBuiltin = includeBuiltin
        self.builtinSamples = builtinSamples
        if includeBuiltin {
            let builtinCount = try addBuiltin()
            // Two packs' rules with one id would have been merged into one: the rules would not be
            // the packs' any more (the samples' rule set, built without this shortcut, checks ids).
            onlyDecodedBuiltins = !builtinSamples && rules.count == builtinCount
        }
    }

    /// Adds the built-in packs once; returns how many rules they hold (0 when already added).
    @discardableResult
    private mutating func addBuiltin() throws(RuleLoadError) -> Int {
        guard !builtinAdded else { return 0 }
        builtinAdded = true
        let packs = try BuiltinPacks.load(withSamples: builtinSamples)
        let builtinCount = packs.reduce(0) { $0 + $1.rules.count }
        rules.reserveCapacity(rules.count + builtinCount)
        ruleIndex.reserveCapacity(rules.count + builtinCount)
        for pack in packs {
            try add(pack, chain: [pack.file], loadExtension: { _, file throws(RuleLoadError) in
                throw RuleLoadError(location: SourceLocation(file: file, line: 0), message: "a built-in pack cannot extend a file")
            })
        }
        resolveValueSources()
        return builtinCount
    }

    /// Gives each value block that takes its pattern from another rule (``BlockSpec/valueFrom``)
    /// that rule's regex as its `value`, once both are assembled (a later pack's rule may be
    /// named), so the rule keeps its pattern in any selection. A name no rule has stays
    /// unresolved: compiling the rule then reports it.
    private mutating func resolveValueSources() {
        for index in rules.indices {
            guard let source = rules[index].block?.valueFrom, rules[index].block?.value == nil,
                  let other = ruleIndex[source] else { continue }
            let regex = rules[other].regex
            rules[index].block?.value = regex
        }
    }

    /// Adds a parsed pack, resolving its `[extend]`.
    /// - Parameters:
    ///   - pack: the parsed pack.
    ///   - loadExtension: loads the pack an `[extend] path` names, given the path and the file of
    ///     the pack that names it; it names the loaded pack's `file` so that the same file is
    ///     recognised when reached again (a cycle).
    /// - Throws: ``RuleLoadError`` naming the file, line and rule: a new rule without `regex`, an
    ///   `[extend]` cycle or chain deeper than ``maximumExtendDepth``, a `targetRules` id no rule
    ///   has, or whatever the loader throws.
    public mutating func add(_ pack: RulePack,
                             loadExtension: (_ path: String, _ relativeTo: String) throws(RuleLoadError) -> RulePack = { _, file throws(RuleLoadError) in
                                 throw RuleLoadError(location: SourceLocation(file: file, line: 0),
                                                     message: "[extend] path is not supported here")
                             }) throws(RuleLoadError) {
        onlyDecodedBuiltins = false
        try add(pack, chain: [pack.file], loadExtension: loadExtension)
        resolveValueSources()
    }

    /// - Parameter chain: the files of the packs being resolved, outermost first (`pack.file` last).
    private mutating func add(_ pack: RulePack, chain: [String],
                              loadExtension: (String, String) throws(RuleLoadError) -> RulePack) throws(RuleLoadError) {
        notices += pack.notices
        var extended: Set<String> = []
        if let ext = pack.extend {
            if ext.useDefault {
                if !builtinAdded && !includeBuiltin && builtinRequestedDespiteExclusion == nil {
                    builtinRequestedDespiteExclusion = ext.source
                }
                try addBuiltin()
                for builtin in try BuiltinPacks.load(withSamples: builtinSamples) { extended.formUnion(builtin.rules.map(\.rule.id)) }
            }
            if let path = ext.path {
                guard chain.count < Self.maximumExtendDepth else {
                    throw RuleLoadError(location: ext.source,
                                        message: "[extend] chain is deeper than \(Self.maximumExtendDepth) files: \(chain.joined(separator: " -> "))")
                }
                let base: RulePack
                do { base = try loadExtension(path, pack.file) } catch {
                    var located = error
                    // The loader knows the file, not the line: point at the [extend] table.
                    if error.location == SourceLocation(file: pack.file, line: 0) { located.origin = .file(ext.source) }
                    throw located
                }
                if chain.contains(base.file) {
                    throw RuleLoadError(location: ext.source,
                                        message: "[extend] cycle: \((chain + [base.file]).joined(separator: " -> "))")
                }
                let before = Set(ruleIndex.keys)
                try add(base, chain: chain + [base.file], loadExtension: loadExtension)
                extended.formUnion(ruleIndex.keys.filter { !before.contains($0) })  // new rules of the chain
                extended.formUnion(base.rules.map(\.rule.id))
            }
            let disabled = Set(ext.disabledRules)
            for id in ext.disabledRules where ruleIndex[id] == nil {
                notices.append("\(ext.source): [extend] disabledRules: no rule '\(RulePackReader.printable(id))' to disable")
            }
            if !disabled.isEmpty {
                rules.removeAll { disabled.contains($0.id) }
                ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($0.element.id, $0.offset) })
            }
        }

        var pathOnly = 0
        for definition in pack.rules {
            let id = definition.rule.id
            if let index = ruleIndex[id] {
                if !extended.contains(id) {
                    notices.append("\(definition.rule.source): rule '\(id)' changes the rule from \(rules[index].source) (keys it sets override or extend that rule's)")
                }
                rules[index] = definition.merged(onto: rules[index])
            } else if definition.isComplete {
                ruleIndex[id] = rules.count
                rules.append(definition.rule)
            } else if definition.isPathOnly {
                pathOnly += 1
            } else {
                throw RuleLoadError(location: definition.rule.source, ruleID: id,
                                    message: "rule has no 'regex', and there is no earlier rule '\(id)' for it to extend")
            }
        }
        if pathOnly > 0 {
            notices.append("\(pack.file): skipped \(pathOnly) rule(s) that match only file paths (no 'regex'); they cannot apply to log lines")
        }

        for allowlist in pack.allowlists {
            for target in allowlist.targetRules where ruleIndex[target] == nil {
                throw RuleLoadError(location: allowlist.source ?? SourceLocation(file: pack.file, line: 0),
                                    message: "[[allowlists]] targetRules names '\(RulePackReader.printable(target))', but no rule has that id")
            }
            allowlists.append(allowlist)
        }
    }

    /// Every assembled rule, selected or not, in order.
    public var assembledRules: [RedactionRule] { rules }

    /// The selected rules, after `enable`/`disable`.
    /// - Throws: ``RuleLoadError`` with origin ``RuleLoadError/Setting/enable`` or
    ///   ``RuleLoadError/Setting/disable`` when one names no assembled rule or pack.
    public func selectedRules() throws(RuleLoadError) -> [RedactionRule] {
        // Nothing named: the rules on by default, without sets of names (the assembled array
        // itself, shared, when every rule is on).
        if enable.isEmpty && disable.isEmpty {
            return rules.allSatisfy(\.enabledByDefault) ? rules : rules.filter(\.enabledByDefault)
        }
        let packs = Set(rules.map(\.pack))
        let ids = Set(rules.map(\.id))
        for (setting, names) in [(RuleLoadError.Setting.enable, enable), (.disable, disable)] {
            for name in names where !ids.contains(name) && !packs.contains(name) {
                throw RuleLoadError(setting: setting, message: "no rule or pack named '\(RulePackReader.printable(name))'")
            }
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

    /// Whether the selection is the default one: the built-in packs alone (decoded without their
    /// samples, no file added) with no ``enable`` or ``disable``, so ``selectedRules()`` is every
    /// built-in rule that is on by default, in pack order, and no two of them share an id (none
    /// was merged into another).
    var selectsDefaultBuiltinRules: Bool { onlyDecodedBuiltins && enable.isEmpty && disable.isEmpty }

    /// Compiles the selected rules. The default selection (``selectsDefaultBuiltinRules``) takes the
    /// keyword scanner prepared for it by ``BuiltinPacks/prepareInBackground()``, if any
    /// (``PreparedBuiltinScanner``); any other builds its own.
    public func build(options: CompiledRuleSet.Options = CompiledRuleSet.Options()) throws(RuleLoadError) -> CompiledRuleSet {
        try CompiledRuleSet(rules: try selectedRules(), allowlists: allowlists, options: options,
                            defaultSelection: selectsDefaultBuiltinRules)
    }
}
