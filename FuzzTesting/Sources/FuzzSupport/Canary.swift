/// A fake secret of a shape a rule set must always redact, and how to plant it in fuzzed input.
///
/// The secrets are random characters of the right shape (never real credentials). Each is planted
/// so that no context can legitimately hide it: as its own `key=value` token between spaces
/// (``Placement/token``) or as a line of its own (``Placement/line``). The check is that
/// ``secret`` (the part the rule masks) is absent from the output. Targets skip the check when
/// the fuzzer's own bytes already hold ``secret``: a copy glued to other characters (`xghp_...`)
/// is legitimately not a token, and only the planted copy is promised to be masked.
public struct Canary: Sendable {
    /// How the canary is inserted.
    public enum Placement: Sendable {
        /// `" " + key + "=" + secret + " "`, at any offset (also inside a line).
        case token
        /// `"\n" + key + "=" + secret + "\n"`, at any offset: a line of its own.
        case line
    }

    public let key: String
    /// The bytes that must never survive (alphanumeric, so no occurrence can span the separators).
    public let secret: [UInt8]
    public let placement: Placement

    public init(key: String, secret: String, placement: Placement) {
        self.key = key
        self.secret = Array(secret.utf8)
        self.placement = placement
    }

    /// The bytes inserted into the payload.
    public var planted: [UInt8] {
        let assignment = Array(key.utf8) + [UInt8(ascii: "=")] + secret
        switch placement {
        case .token: return [0x20] + assignment + [0x20]
        case .line: return [0x0A] + assignment + [0x0A]
        }
    }

    /// `payload` with the canary inserted at `offset` (clamped to the payload).
    public func plant<C: Collection<UInt8>>(in payload: C, at offset: Int) -> [UInt8] {
        var bytes = Array(payload)
        bytes.insert(contentsOf: planted, at: min(max(0, offset), bytes.count))
        return bytes
    }

    // MARK: - Canaries of the built-in rule set

    /// A GitHub classic personal access token (`github-pat`: `ghp_` + 36 alphanumerics).
    public static let githubToken = Canary(key: "github_token", secret: "ghp_kZY7n8O0HktJbhZE6fSAy9oLZZMKzNG9ImkX",
                                           placement: .token)
    /// An AWS access key id (`aws-access-key-id`: `AKIA` + 16 base32 characters).
    public static let awsKeyID = Canary(key: "aws_access_key_id", secret: "AKIAJQW2YU5XYNZ4DYKM", placement: .token)
    /// A password assignment on a line of its own (`password-assignment`).
    public static let password = Canary(key: "password", secret: "G0hiItS0o60RWjWbjr5U", placement: .line)

    /// Canaries the built-in rules (`RuleSetBuilder().build()`) must always redact.
    public static let builtin: [Canary] = [githubToken, awsKeyID, password]

    // MARK: - Canaries of ``FuzzRuleSets/custom``

    /// The custom set's `canary` rule (no keyword-free shortcut: found through its keyword).
    public static let customCanary = Canary(key: "note", secret: "CANARY-VUUB45WEWEZU", placement: .token)
    /// The custom set's keyword-less `aws-like` rule (runs on every line).
    public static let customKeywordless = Canary(key: "id", secret: "AKIAJ84806YU5XYN94DY", placement: .token)
    /// The custom set's `kv-secret` rule (capture group 1, an allowlist with a stopword).
    public static let customAssignment = Canary(key: "secret", secret: "ZVNIfEeM6ZSAzZOSFmiPkx", placement: .line)

    /// Canaries the custom rule set must always redact.
    public static let custom: [Canary] = [customCanary, customKeywordless, customAssignment]
}
