public import Logging

/// The sensitivity of a metadata value: the swift-log metadata value attribute (SLG-0004) that
/// swift-log itself leaves to an ecosystem package.
///
/// ```swift
/// logger.info("login", metadata: [
///     "user_email": "\(email, sensitivity: .sensitive)",   // always masked
///     "plan": "\(plan, sensitivity: .public)",             // passed without scanning
///     "path": "\(path)",                                   // scanned by the rules
/// ])
/// ```
///
/// ``RedactingLogHandler`` masks a `.sensitive` value whole, whatever it contains, even when no
/// rule matches it. It passes a `.public` value without scanning it, unless another reason to
/// mask applies (a sensitive key, or a key outside the allow-list in deny-by-default mode): a
/// reason to mask always wins over `.public`. A value without the attribute is scanned.
///
/// The attribute belongs to the whole metadata value, not to one interpolated segment:
/// `"\(id, sensitivity: .public) \(token)"` marks the whole text public, `token` included. When
/// segments of one value carry different sensitivities, `.sensitive` wins.
///
/// The raw values (1 = sensitive, 2 = public) follow the example in SLG-0004.
///
/// Attributes exist only on metadata values: a `Logger.Message` is a plain string in swift-log
/// and carries none, so messages are always scanned.
public enum Sensitivity: Int64, Logger.MetadataValueAttributes.Attribute, Sendable, Hashable, CaseIterable {
    /// Always masked by ``RedactingLogHandler``, whole, whatever the rules find.
    case sensitive = 1
    /// Passed by ``RedactingLogHandler`` without scanning (unless a key rule masks it).
    case `public` = 2
}

extension Logger.MetadataValue.StringInterpolation {
    /// Interpolates `value` and marks the whole metadata value with `sensitivity`.
    ///
    /// When several segments of one value carry a sensitivity, `.sensitive` wins.
    ///
    /// ```swift
    /// "user_id": "\(userID, sensitivity: .sensitive)"
    /// ```
    public mutating func appendInterpolation<T: CustomStringConvertible & Sendable>(
        _ value: T, sensitivity: Sensitivity
    ) {
        self.appendInterpolation(value, attributes: { attributes in
            if attributes[Sensitivity.self] != .sensitive {
                attributes[Sensitivity.self] = sensitivity
            }
        })
    }
}

extension Logger.MetadataValue {
    /// A value marked ``Sensitivity/sensitive``: masked whole by ``RedactingLogHandler``.
    ///
    /// ```swift
    /// logger.info("charge", metadata: ["card": .sensitive(cardNumber)])
    /// ```
    public static func sensitive(_ value: some CustomStringConvertible & Sendable) -> Self {
        var attributes = Logger.MetadataValueAttributes()
        attributes[Sensitivity.self] = .sensitive
        return .attributed(value, attributes: attributes)
    }

    /// A value marked ``Sensitivity/public``: passed by ``RedactingLogHandler`` without scanning,
    /// unless its key is a sensitive key or is not allowed in deny-by-default mode.
    public static func `public`(_ value: some CustomStringConvertible & Sendable) -> Self {
        var attributes = Logger.MetadataValueAttributes()
        attributes[Sensitivity.self] = .public
        return .attributed(value, attributes: attributes)
    }

    /// The value's ``Sensitivity`` attribute, if any (always `nil` for arrays and dictionaries,
    /// which swift-log does not let carry attributes).
    public var sensitivity: Sensitivity? {
        attributes[Sensitivity.self]
    }
}
