import Redaction

/// Why a whole value is masked; the rule id a `{rule}` placeholder shows for it.
enum MaskReason: Int, CaseIterable {
    case sensitiveKey
    case sensitivity
    case notAllowed

    /// Rule ids use the characters of real rule ids (`[A-Za-z0-9._-]`), so the engine's placeholder
    /// guard recognises the rendered text and never redacts it again.
    var ruleID: String {
        switch self {
        case .sensitiveKey: return "sensitive-key"
        case .sensitivity: return "sensitive"
        case .notAllowed: return "not-allowed"
        }
    }
}

/// Renders the rule set's replacement template for values masked whole (by key, attribute or
/// mode), so they look like the engine's own placeholders: same template, same `{hash}` key, so
/// the same secret gets the same fingerprint as in the CLI.
///
/// When the template has no `{len}` or `{hash}`, the text per reason is computed once and masking
/// allocates nothing.
struct MaskRenderer: Sendable {
    private let template: ReplacementTemplate
    private let hashKey: HashKey?
    /// Rendered text per ``MaskReason`` when it does not depend on the value.
    private let constant: [String]?

    init(template: ReplacementTemplate, hashKey: HashKey?) {
        self.template = template
        self.hashKey = hashKey
        if template.dependsOnSecret {
            constant = nil
        } else {
            constant = MaskReason.allCases.map {
                template.render(ruleID: $0.ruleID, secret: UnsafeRawBufferPointer(start: nil, count: 0), hashKey: nil)
            }
        }
    }

    /// The text that replaces a value masked for `reason`, without rendering the value when
    /// the template does not need it.
    @inline(__always)
    func constantText(for reason: MaskReason) -> String? {
        constant?[reason.rawValue]
    }

    /// The text that replaces `value` (its full text) masked for `reason`.
    func render(_ reason: MaskReason, value: @autoclosure () -> String) -> String {
        if let constant { return constant[reason.rawValue] }
        var text = value()
        return text.withUTF8 { template.render(ruleID: reason.ruleID, secret: UnsafeRawBufferPointer($0), hashKey: hashKey) }
    }
}
