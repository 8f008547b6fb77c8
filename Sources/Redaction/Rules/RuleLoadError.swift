/// A rule file or rule that cannot be used. Its description names the file, the line and, where
/// known, the rule id; it never quotes the file's content (a pattern may embed a secret).
public struct RuleLoadError: Error, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var ruleID: String?
    public var message: String

    public init(location: SourceLocation, ruleID: String? = nil, message: String) {
        self.location = location
        self.ruleID = ruleID
        self.message = message
    }

    public var description: String {
        if let ruleID { return "\(location): rule '\(ruleID)': \(message)" }
        return "\(location): \(message)"
    }
}
