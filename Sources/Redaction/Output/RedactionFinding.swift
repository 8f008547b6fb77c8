/// One masked region of the output, for reports. Carries positions and, when a hash key is
/// configured, a keyed fingerprint of the secret; never the secret itself.
public struct RedactionFinding: Sendable, Hashable {
    /// Why the region was masked.
    public enum Kind: String, Sendable, Hashable {
        /// A rule matched.
        case match
        /// A line inside a multi-line block (for example a PEM private key).
        case block
        /// The engine failed on the line, which was masked (fail closed).
        case engineError = "engine-error"
        /// The line exceeded the maximum length and was replaced by a marker.
        case lineTooLong = "line-too-long"
    }

    public var kind: Kind
    /// The rule id (empty for `lineTooLong`).
    public var ruleID: String
    /// 1-based line number in the input.
    public var line: Int
    /// 1-based byte column where the masked region starts.
    public var column: Int
    /// Length of the masked region in bytes.
    public var length: Int
    /// `keyid.hex` HMAC-SHA256 fingerprint of the masked bytes, if a hash key was given.
    public var fingerprint: String?

    public init(kind: Kind, ruleID: String, line: Int, column: Int, length: Int, fingerprint: String? = nil) {
        self.kind = kind
        self.ruleID = ruleID
        self.line = line
        self.column = column
        self.length = length
        self.fingerprint = fingerprint
    }
}
