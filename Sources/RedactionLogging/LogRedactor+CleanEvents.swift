public import Logging
import Redaction

/// ``LogRedactor``'s fast path for clean events: one keyword search over the message, every
/// metadata value and the source, taking the value memory's lock once, instead of once per text.
extension LogRedactor {
    /// Whether `event` would come out of ``redact(_:)`` unchanged: no key masks a value (sensitive
    /// key, deny-by-default mode, ``Sensitivity/sensitive``), no error is attached, and no text
    /// holds a keyword or a remembered value (nor `source`, the event's source when it is
    /// redacted). Decides as the full path does, so a `true` lets the event pass as is.
    func isClean(_ event: LogEvent, source: String?) -> Bool {
        guard let ruleSet, event.error == nil else { return false }
        return ruleSet.withMayRedact(configuration: engineConfiguration, values: values) { mayRedact in
            func textIsClean(_ text: String) -> Bool {
                if let result = text.utf8.withContiguousStorageIfAvailable({ !mayRedact(UnsafeRawBufferPointer($0)) }) {
                    return result
                }
                var copy = text
                return copy.withUTF8 { !mayRedact(UnsafeRawBufferPointer($0)) }
            }
            func valueIsClean(_ value: Logger.MetadataValue) -> Bool {
                switch value {
                case .string(let text):
                    return textIsClean(text)
                case .stringConvertible(let convertible):
                    switch value.attributes[Sensitivity.self] {
                    case .sensitive?: return false
                    case .public?: return true
                    case nil: return textIsClean(convertible.description)
                    }
                case .array(let elements):
                    return elements.allSatisfy(valueIsClean)
                case .dictionary(let dictionary):
                    return metadataIsClean(dictionary, topLevel: false)
                }
            }
            func metadataIsClean(_ metadata: Logger.Metadata, topLevel: Bool) -> Bool {
                for (key, value) in metadata {
                    if configuration.sensitiveKeys.matches(key) { return false }
                    if topLevel, let allowed = configuration.mode.allowedKeys, !allowed.matches(key) { return false }
                    if !valueIsClean(value) { return false }
                }
                return true
            }
            if let metadata = event.metadata, !metadataIsClean(metadata, topLevel: true) { return false }
            if !textIsClean(event.message.description) { return false }
            if let source, !textIsClean(source) { return false }
            return true
        }
    }
}
