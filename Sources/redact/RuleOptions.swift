import ArgumentParser
import Redaction
import SystemPackage
import RedactionPipelines

/// Rule selection shared by redaction, `rules list`, `rules test` and `follow`.
struct RuleOptions: ParsableArguments {
    @Option(name: [.customShort("r"), .customLong("rules")],
            help: ArgumentHelp("A rule file (TOML, gitleaks-compatible) or a directory of *.toml files. Repeatable.",
                               valueName: "path"),
            completion: .file(extensions: ["toml"]))
    var rules: [String] = []

    @Flag(name: .customLong("no-builtin"), help: "Do not load the built-in rule packs (headers, keys, passwords, services, tokens, ...).")
    var noBuiltin = false

    @Option(name: .customLong("enable"), help: ArgumentHelp("Turn on a rule or pack that is off by default. Repeatable.", valueName: "id"))
    var enable: [String] = []

    @Option(name: .customLong("disable"), help: ArgumentHelp("Turn off a rule, or a whole pack by name. Repeatable.", valueName: "id"))
    var disable: [String] = []

    @Option(name: .customLong("replace"),
            help: ArgumentHelp("Replacement template. Placeholders: {rule} (rule id), {len} (secret length), {hash} (keyed HMAC fingerprint; needs a key). Default: ***",
                               valueName: "template"))
    var replace: String?

    @Flag(name: .customLong("allow-empty"), help: "Run even when no rule is active (everything then passes unchanged). Without it, zero active rules is an error.")
    var allowEmpty = false

    @Option(name: .customLong("hash-key-file"),
            help: ArgumentHelp("File holding the key (>= 32 bytes; trailing newline ignored) for {hash} and report fingerprints. Default: $REDACT_HASH_KEY.",
                               valueName: "path"),
            completion: .file())
    var hashKeyFile: String?

    /// Assembles the builder: built-in packs, rule files, selections (checked here, so a name no
    /// rule has fails now). Notices and warnings go to stderr.
    /// - Parameter builtinSamples: load the built-in rules' sample lines too (`rules test`).
    /// - Throws: ``CLIError`` with the engine's errors in terms of this command's flags.
    func makeBuilder(builtinSamples: Bool = false) throws -> RuleSetBuilder {
        do {
            var builder = try RuleSetBuilder(includeBuiltin: !noBuiltin, builtinSamples: builtinSamples)
            builder.enable = enable
            builder.disable = disable
            for path in rules {
                for file in try RuleFiles.expand(path) {
                    let pack = try RuleFiles.load(file)
                    try builder.add(pack) { extendPath, relativeTo throws(RuleLoadError) in
                        try RuleFiles.loadExtension(extendPath, namedIn: relativeTo)
                    }
                }
            }
            _ = try builder.selectedRules()
            for notice in builder.notices { StandardError.write("redact: note: \(notice)") }
            if let location = builder.builtinRequestedDespiteExclusion {
                StandardError.write("redact: warning: \(location): [extend] useDefault = true loads the built-in rules although --no-builtin was given: the file wins (remove useDefault to run without them)")
            }
            return builder
        } catch let error as RuleLoadError {
            throw CLIError(Self.message(for: error))
        }
    }

    /// An engine error in this command's terms: settings become the flags that set them.
    static func message(for error: RuleLoadError) -> String {
        switch error.setting {
        case nil: error.description
        case .replacement: error.described(setting: "--replace")
        case .hashKey: error.described(setting: "--hash-key-file")
        case .enable: error.described(setting: "--enable") + " (see `redact rules list`)"
        case .disable: error.described(setting: "--disable") + " (see `redact rules list`)"
        }
    }

    /// The key for `{hash}` and fingerprints, from `--hash-key-file` or `$REDACT_HASH_KEY`.
    func hashKey() throws -> HashKey? {
        var bytes: [UInt8]
        var origin: String
        if let hashKeyFile {
            bytes = try RuleFiles.readBytes(hashKeyFile)
            origin = hashKeyFile
        } else if let value = getenv("REDACT_HASH_KEY") {
            bytes = Array(String(cString: value).utf8)
            origin = "$REDACT_HASH_KEY"
        } else {
            return nil
        }
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        do {
            return try HashKey(bytes: bytes)
        } catch {
            throw CLIError("\(origin): \(error)")
        }
    }

    /// Compiles the selected rules with the replacement and key options.
    /// - Throws: ``CLIError`` for a rule or option error, and when no rule is active unless
    ///   `--allow-empty` was given (a redactor without rules would pass every secret).
    func compile(limits: MatchLimits = .default, builtinSamples: Bool = false) throws -> CompiledRuleSet {
        try compileWithBuilder(limits: limits, builtinSamples: builtinSamples).ruleSet
    }

    /// ``compile(limits:builtinSamples:)``, also returning the builder it assembled (for `rules
    /// list --all`, which shows the rules that are off too). Notices print once.
    func compileWithBuilder(limits: MatchLimits = .default, builtinSamples: Bool = false) throws
        -> (ruleSet: CompiledRuleSet, builder: RuleSetBuilder)
    {
        var options = CompiledRuleSet.Options(limits: limits)
        if let replace {
            do { options.replacement = try ReplacementTemplate(replace) } catch { throw CLIError("--replace: \(error)") }
        }
        options.hashKey = try hashKey()
        let builder = try makeBuilder(builtinSamples: builtinSamples)
        let ruleSet: CompiledRuleSet
        do { ruleSet = try builder.build(options: options) } catch { throw CLIError(Self.message(for: error)) }
        for id in ruleSet.catastrophicRules() {
            StandardError.write("redact: warning: rule '\(id)' exhausts the match limit on a short probe (catastrophic backtracking?): lines it runs on may be masked and slow; simplify nested quantifiers")
        }
        if ruleSet.count == 0 && !allowEmpty {
            throw CLIError("no rule is active (\(builder.assembledRules.count) loaded, none selected), so nothing would be redacted; check --no-builtin, --rules and --disable, or pass --allow-empty")
        }
        return (ruleSet, builder)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
