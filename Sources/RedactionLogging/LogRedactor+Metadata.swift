import Logging

/// ``LogRedactor``'s walk over metadata: sensitive and not-allowed keys masked whole, values
/// scanned recursively (arrays, dictionaries, ``Sensitivity`` attributes respected).
extension LogRedactor {
    /// Redacts a dictionary's entries; `nil` when nothing changed.
    func redact(_ metadata: Logger.Metadata, topLevel: Bool, _ work: inout Work) -> Logger.Metadata? {
        var result: Logger.Metadata?
        for (key, value) in metadata {
            if let redacted = redact(entry: value, key: key, topLevel: topLevel, &work) {
                if result == nil { result = metadata }
                result?[key] = redacted
            }
        }
        return result
    }

    /// Redacts the value under `key`; `nil` when unchanged. A reason to mask (sensitive key,
    /// key not allowed) wins over the value's own ``Sensitivity``.
    func redact(entry value: Logger.MetadataValue, key: String, topLevel: Bool,
                _ work: inout Work) -> Logger.MetadataValue? {
        if configuration.sensitiveKeys.matches(key) {
            return mask(value, .sensitiveKey, &work)
        }
        if topLevel, let allowed = configuration.mode.allowedKeys, !allowed.matches(key) {
            return mask(value, .notAllowed, &work)
        }
        return redact(value: value, &work)
    }

    /// Redacts a value whose key allows it to be scanned; `nil` when unchanged.
    private func redact(value: Logger.MetadataValue, _ work: inout Work) -> Logger.MetadataValue? {
        switch value {
        case .string(let text):
            return scan(text, &work).map { .string($0) }
        case .stringConvertible(let convertible):
            let attributes = value.attributes
            switch attributes[Sensitivity.self] {
            case .sensitive?:
                return mask(value, .sensitivity, &work)
            case .public?:
                return nil
            case nil:
                guard let redacted = scan(convertible.description, &work) else { return nil }
                return LogRedactor.string(redacted, keeping: attributes)
            }
        case .array(let elements):
            var result: [Logger.MetadataValue]?
            for index in elements.indices {
                if let redacted = redact(value: elements[index], &work) {
                    if result == nil { result = elements }
                    result?[index] = redacted
                }
            }
            return result.map { .array($0) }
        case .dictionary(let dictionary):
            return redact(dictionary, topLevel: false, &work).map { .dictionary($0) }
        }
    }

    /// The whole-value mask for `value`; `nil` when the value already is that mask.
    private func mask(_ value: Logger.MetadataValue, _ reason: MaskReason, _ work: inout Work) -> Logger.MetadataValue? {
        if case .string(let text) = value, let constant = masks.constantText(for: reason), text == constant {
            return nil
        }
        work.tally.changed = true
        switch reason {
        case .sensitiveKey: work.tally.maskedBySensitiveKey += 1
        case .sensitivity: work.tally.maskedBySensitivity += 1
        case .notAllowed: work.tally.maskedByDenyMode += 1
        }
        let description = value.description
        if let values, reason != .notAllowed {
            // A secret masked whole is remembered, so its echoes in later texts are masked too.
            switch value {
            case .string, .stringConvertible: values.remember(secret: description)
            case .array, .dictionary: break
            }
        }
        let text = masks.render(reason, value: description)
        if case .stringConvertible = value {
            return LogRedactor.string(text, keeping: value.attributes)
        }
        return .string(text)
    }

    /// A `.string` value, carrying `attributes` when there are any (so handlers further down a
    /// chain still see them).
    private static func string(_ text: String, keeping attributes: Logger.MetadataValueAttributes) -> Logger.MetadataValue {
        var value = Logger.MetadataValue.string(text)
        if attributes != Logger.MetadataValueAttributes() {
            value.attributes = attributes
        }
        return value
    }
}
