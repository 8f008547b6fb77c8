public import Redaction

/// The rule sets the targets redact with, compiled once per process.
public enum FuzzRuleSets {
    /// The built-in packs with default options (`RuleSetBuilder().build()`), as `redact` runs.
    public static let builtin: CompiledRuleSet = {
        do { return try RuleSetBuilder().build() } catch { fatalError("the built-in rules do not compile: \(error)") }
    }()

    /// Templates the custom set is compiled with (one set per template): placeholders of every
    /// kind must stay idempotent and must never let a canary through.
    public static let templates = ["***", "[REDACTED:{rule}]", "<{rule}:{len}>", "[{rule}:{hash}]", "{rule}{len}", "#", ""]

    /// ``customPack`` compiled once per template in ``templates`` (same order).
    public static let custom: [CompiledRuleSet] = {
        do {
            let key = try HashKey(bytes: Array(repeating: 0x5A, count: 32))
            let pack = try RulePack.parse(customPack, file: "fuzz-custom.toml", name: "fuzz-custom")
            var builder = try RuleSetBuilder(includeBuiltin: false)
            try builder.add(pack)
            return try templates.map { template in
                try builder.build(options: CompiledRuleSet.Options(replacement: try ReplacementTemplate(template), hashKey: key))
            }
        } catch {
            fatalError("the custom fuzz rules do not compile: \(error)")
        }
    }()

    /// A small rule file touching each engine feature: a keyword rule, a keyword-less rule, a
    /// capture group with rule allowlists (stopword, line regex), an entropy threshold, a per-rule
    /// replacement, a top-level allowlist aimed at one rule, and a multi-line block with a small
    /// bound. The canaries of ``Canary/custom`` are outside every allowlist.
    public static let customPack = #"""
        title = "swift-redact fuzzing: one rule per engine feature"

        [[rules]]
        id = "canary"
        description = "a keyword rule"
        regex = '''CANARY-[A-Z0-9]{12}'''
        keywords = ["canary-"]
        mustRedact = ["x CANARY-0A1B2C3D4E5F y", "CANARY-ZZZZ00001111"]
        mustKeep = ["CANARY-short"]

        [[rules]]
        id = "aws-like"
        description = "no keywords: runs on every line"
        regex = '''\bAKIA[0-9A-Z]{16}\b'''
        mustRedact = ["id=AKIAQ7W2E4R6T8Y1U3I5", "AKIAZXCVBNMASDFGHJKL"]
        mustKeep = ["AKIA is a prefix"]

        [[rules]]
        id = "kv-secret"
        description = "a capture group, allowlists on the secret and on the line"
        regex = '''(?i)\b(?:secret|pwd)\s*[:=]\s*"?([^\s",;]{4,})'''
        secretGroup = 1
        keywords = ["secret", "pwd"]
        mustRedact = ["secret=Qw8eRt5yUi", "PWD: \"Lk3jHg7fDs\""]
        mustKeep = ["secret=changeme-now", "# secret=Documented1"]
        [[rules.allowlists]]
        stopwords = ["changeme"]
        [[rules.allowlists]]
        regexTarget = "line"
        regexes = ['''^#''']

        [[rules]]
        id = "entropy-token"
        description = "an entropy threshold"
        regex = '''\btok_([A-Za-z0-9]{16,})\b'''
        entropy = 3.0
        keywords = ["tok_"]
        mustRedact = ["tok_9fK2mQ7xLp4Wz8Rt", "auth tok_Hn3Vb8Kq2Lm7Xz5Wp1"]
        mustKeep = ["tok_aaaaaaaaaaaaaaaa"]

        [[rules]]
        id = "api-header"
        description = "a per-rule replacement"
        regex = '''(?i)x-api-key:\s*(\S+)'''
        keywords = ["x-api-key"]
        replacement = "<api-key>"
        mustRedact = ["X-Api-Key: k3y-V4lu3-9q", "x-api-key:Zq8Wx7Ec6Rv"]
        mustKeep = ["x-api-key header missing"]

        [[rules]]
        id = "fuzz-key-block"
        description = "a multi-line block with a small bound"
        regex = '''-----BEGIN FUZZ KEY-----([A-Za-z0-9+/=]{8,})'''
        keywords = ["-----begin fuzz key"]
        mustRedact = ["-----BEGIN FUZZ KEY-----QUJDREVGR0g=", "k=-----BEGIN FUZZ KEY-----Zm9vYmFyYmF6"]
        mustKeep = ["-----BEGIN FUZZ KEY----- -----END FUZZ KEY-----"]
        [rules.block]
        begin = '''-----BEGIN FUZZ KEY-----\s*$'''
        end = '''-----END FUZZ KEY-----'''
        maxLines = 4

        [[allowlists]]
        description = "a top-level allowlist aimed at one rule"
        targetRules = ["entropy-token"]
        regexTarget = "line"
        regexes = ['''EXAMPLE''']
        """#
}
