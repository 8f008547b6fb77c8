/// A rule file, rule or rule-set setting that cannot be used.
///
/// ``origin`` says where the problem is, as data: a place in a rule file (file, line, and with
/// ``ruleID`` the rule), or a setting the caller passed in code. ``description`` names settings by
/// their API names (`replacement`, `hashKey`, `enable`, `disable`), so a library user reads about
/// the configuration they wrote; a command-line front end maps ``Setting`` to its own flag names
/// instead. ``message`` never quotes a file's content (a pattern may embed a secret).
public struct RuleLoadError: Error, Sendable, CustomStringConvertible {
    /// Where the problem is.
    public enum Origin: Sendable, Hashable {
        /// A rule file or built-in pack, at a line (0: the file as a whole).
        case file(SourceLocation)
        /// A setting given in code (or on a command line), not in a file.
        case setting(Setting)
    }

    /// The settings of a rule set an error can be about, named as in the API.
    public enum Setting: String, Sendable, Hashable, CaseIterable {
        /// ``CompiledRuleSet/Options/replacement``: the replacement template.
        case replacement
        /// ``CompiledRuleSet/Options/hashKey``: the key for `{hash}`.
        case hashKey
        /// ``RuleSetBuilder/enable``: rules or packs turned on.
        case enable
        /// ``RuleSetBuilder/disable``: rules or packs turned off.
        case disable
    }

    public var origin: Origin
    /// The rule the problem belongs to, when there is one.
    public var ruleID: String?
    /// What is wrong, without the place (that is ``origin``).
    public var message: String

    /// An error in a rule file (or built-in pack).
    public init(location: SourceLocation, ruleID: String? = nil, message: String) {
        self.origin = .file(location)
        self.ruleID = ruleID
        self.message = message
    }

    /// An error in a setting given in code.
    public init(setting: Setting, ruleID: String? = nil, message: String) {
        self.origin = .setting(setting)
        self.ruleID = ruleID
        self.message = message
    }

    /// The file and line, when the problem is in a file.
    public var location: SourceLocation? {
        if case .file(let location) = origin { return location }
        return nil
    }

    /// The setting, when the problem is in one.
    public var setting: Setting? {
        if case .setting(let setting) = origin { return setting }
        return nil
    }

    /// `file:line: rule 'id': message`, or `setting: message` with the API name of the setting.
    public var description: String { described(setting: setting?.rawValue ?? "") }

    /// The description with `name` standing for the setting (a front end passes its flag name).
    public func described(setting name: String) -> String {
        let place: String
        switch origin {
        case .file(let location): place = location.description
        case .setting: place = name
        }
        if let ruleID { return "\(place): rule '\(ruleID)': \(message)" }
        return "\(place): \(message)"
    }
}
