import ArgumentParser
import Redaction
import SystemPackage

/// Rule selection shared by redaction, `rules list`, `rules test` and `follow`.
struct RuleOptions: ParsableArguments {
    @Option(name: [.customShort("r"), .customLong("rules")],
            help: ArgumentHelp("A rule file (TOML, gitleaks-compatible) or a directory of *.toml files. Repeatable.",
                               valueName: "path"),
            completion: .file(extensions: ["toml"]))
    var rules: [String] = []

    @Flag(name: .customLong("no-builtin"), help: "Do not load the built-in rule packs (headers, keys, passwords, tokens).")
    var noBuiltin = false

    @Option(name: .customLong("enable"), help: ArgumentHelp("Turn on a rule or pack that is off by default. Repeatable.", valueName: "id"))
    var enable: [String] = []

    @Option(name: .customLong("disable"), help: ArgumentHelp("Turn off a rule, or a whole pack by name. Repeatable.", valueName: "id"))
    var disable: [String] = []

    @Option(name: .customLong("replace"),
            help: ArgumentHelp("Replacement template. Placeholders: {rule} (rule id), {len} (secret length), {hash} (keyed HMAC fingerprint; needs a key). Default: ***",
                               valueName: "template"))
    var replace: String?

    @Option(name: .customLong("hash-key-file"),
            help: ArgumentHelp("File holding the key (>= 32 bytes; trailing newline ignored) for {hash} and report fingerprints. Default: $REDACT_HASH_KEY.",
                               valueName: "path"),
            completion: .file())
    var hashKeyFile: String?

    /// Assembles the builder: built-in packs, rule files, selections. Notices go to stderr.
    /// - Parameter builtinSamples: load the built-in rules' sample lines too (`rules test`).
    func makeBuilder(builtinSamples: Bool = false) throws -> RuleSetBuilder {
        var builder = try RuleSetBuilder(includeBuiltin: !noBuiltin, builtinSamples: builtinSamples)
        builder.enable = enable
        builder.disable = disable
        for path in rules {
            for file in try RuleFiles.expand(path) {
                let pack = try RuleFiles.load(file)
                try builder.add(pack) { extendPath, relativeTo throws(RuleLoadError) in
                    try RuleFiles.load(RuleFiles.resolve(extendPath, relativeTo: relativeTo))
                }
            }
        }
        for notice in builder.notices { StandardError.write("redact: note: \(notice)") }
        return builder
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
    func compile(limits: MatchLimits = .default, builtinSamples: Bool = false) throws -> CompiledRuleSet {
        var options = CompiledRuleSet.Options(limits: limits)
        if let replace {
            do { options.replacement = try ReplacementTemplate(replace) } catch { throw CLIError("--replace: \(error)") }
        }
        options.hashKey = try hashKey()
        return try makeBuilder(builtinSamples: builtinSamples).build(options: options)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
