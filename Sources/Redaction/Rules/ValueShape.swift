/// How a rule's secret must look to be masked (swift-redact extension, `valueShape` in a pack).
///
/// Generic rules find a value by the name of its key (`client_secret=`, `dbPassword:`); whether
/// that value is a secret is then decided by its shape, which a regex expresses badly. The
/// decision is made by ``SecretShape`` after the regex matched and before entropy and allowlists
/// are consulted; a rule without a shape keeps every match its regex finds.
public enum ValueShape: String, Sendable, Hashable, CaseIterable {
    /// A human-chosen secret: low entropy is normal, so anything is masked except placeholders
    /// and references (`***`, `${DB_PASSWORD}`, `<redacted>`, `%s`), URLs, ARNs and file paths.
    case password
    /// A machine secret under a key that names one (`api_key`, `clientSecret`, `X_TOKEN`): the
    /// value must look random (length, character-class mix, entropy) and must not be a
    /// structured non-secret (number, duration, version, date, path, URL, e-mail, ARN, digest
    /// with an algorithm prefix, identifier made of words). UUIDs and bare hex strings count as
    /// secrets here: many vendors issue keys in those shapes.
    case token
    /// As ``token``, for keys and renderings whose name alone is weak evidence (`key` alone,
    /// `vendor TOKEN value` without an operator): UUIDs and bare hex strings are taken for ids and
    /// digests, and the value must be at least 16 bytes.
    case strictToken = "strict-token"
}

extension ValueShape {
    /// Reads a pack's `valueShape` string (`nil` when the rule has none).
    /// - Throws: ``RuleLoadError`` at `location` naming `rule` when the string is not a shape.
    init?(packValue: String?, rule: String, at location: SourceLocation) throws(RuleLoadError) {
        guard let packValue else { return nil }
        guard let shape = ValueShape(rawValue: packValue) else {
            let names = ValueShape.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw RuleLoadError(location: location, ruleID: rule, message: "'valueShape' must be one of: \(names)")
        }
        self = shape
    }
}
