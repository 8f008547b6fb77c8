import Foundation
import TOMLParser

/// The official toml-test files vendored in `Tests/Fixtures/toml-test` (see its `NOTICE.md`), and
/// the comparison of a parsed document with a valid file's expected JSON, following toml-test's
/// own rules (`json.go`): values are `{"type": T, "value": "text"}`; floats compare as numbers
/// (any NaN equals any NaN); date-times compare after normalizing `t`/space/`z` and the precision
/// of the fraction.
enum TOMLTestSuite {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/toml-test")

    /// Every file of the TOML 1.0 list, relative to ``directory`` (`valid/...`, `invalid/...`).
    static let files: [String] = {
        let list = directory.appendingPathComponent("files-toml-1.0.0")
        guard let text = try? String(contentsOf: list, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }()

    /// The valid documents (each has a `.json` twin).
    static let valid = files.filter { $0.hasPrefix("valid/") && $0.hasSuffix(".toml") }
    /// The documents a TOML 1.0 parser must refuse.
    static let invalid = files.filter { $0.hasPrefix("invalid/") && $0.hasSuffix(".toml") }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// `nil` when `table` holds exactly what `expected` (the decoded JSON) describes; otherwise
    /// the first difference, with its key path.
    static func difference(_ table: TOMLTable, _ expected: Any, path: String = "") -> String? {
        guard let object = expected as? [String: Any], !isTaggedValue(object) else {
            return "\(path): expected \(kind(of: expected)), found table"
        }
        if Set(table.keys) != Set(object.keys) {
            return "\(path): keys \(table.keys.sorted()) != expected \(object.keys.sorted())"
        }
        for key in table.keys {
            if let difference = difference(table[key]!.value, object[key]!, path: path + "." + key) { return difference }
        }
        return nil
    }

    static func difference(_ value: TOMLValue, _ expected: Any, path: String) -> String? {
        switch value {
        case .table(let table):
            return difference(table, expected, path: path)
        case .array(let elements):
            guard let array = expected as? [Any] else { return "\(path): expected \(kind(of: expected)), found array" }
            guard array.count == elements.count else { return "\(path): \(elements.count) elements, expected \(array.count)" }
            for (index, element) in elements.enumerated() {
                if let difference = difference(element.value, array[index], path: "\(path)[\(index)]") { return difference }
            }
            return nil
        default:
            guard let object = expected as? [String: Any], isTaggedValue(object),
                  let type = object["type"] as? String, let text = object["value"] as? String
            else { return "\(path): expected \(kind(of: expected)), found a scalar" }
            return scalarDifference(value, type: type, text: text).map { "\(path): \($0)" }
        }
    }

    static func scalarDifference(_ value: TOMLValue, type: String, text: String) -> String? {
        switch (value, type) {
        case (.string(let string), "string"):
            return string == text ? nil : "string differs"
        case (.integer(let integer), "integer"):
            return Int64(text) == integer ? nil : "integer \(integer) != \(text)"
        case (.float(let float), "float"):
            if text.lowercased().hasSuffix("nan") { return float.isNaN ? nil : "\(float) is not NaN" }
            return Double(text) == float ? nil : "float \(float) != \(text)"
        case (.boolean(let bool), "bool"):
            return String(bool) == text ? nil : "bool \(bool) != \(text)"
        case (.datetime(let source), _):
            let found = dateTimeKind(source)
            guard found == type else { return "\(found) != \(type)" }
            return normalizedDateTime(source) == normalizedDateTime(text) ? nil : "\(source) != \(text)"
        default:
            return "found \(value), expected \(type)"
        }
    }

    /// toml-test's type name for a date-time source text.
    static func dateTimeKind(_ source: String) -> String {
        let hasDate = source.count >= 10 && Array(source)[4] == "-"
        let hasTime = source.contains(":")
        guard hasDate else { return "time-local" }
        guard hasTime else { return "date-local" }
        let time = source.dropFirst(11)
        return time.contains { $0 == "Z" || $0 == "z" || $0 == "+" || $0 == "-" } ? "datetime" : "datetime-local"
    }

    /// `T` and `Z` in upper case, a space separator as `T`, trailing zeros of the fraction of a
    /// second removed, and a zero offset as `Z`.
    static func normalizedDateTime(_ text: String) -> String {
        var result = String(text.map { character -> Character in
            switch character {
            case " ", "t": "T"
            case "z": "Z"
            default: character
            }
        })
        if result.hasSuffix("+00:00") || result.hasSuffix("-00:00") { result = String(result.dropLast(6)) + "Z" }
        if let dot = result.firstIndex(of: ".") {
            let digitsEnd = result[dot...].dropFirst().firstIndex { !$0.isNumber } ?? result.endIndex
            var fraction = String(result[result.index(after: dot)..<digitsEnd])
            while fraction.hasSuffix("0") { fraction.removeLast() }
            result = String(result[..<dot]) + (fraction.isEmpty ? "" : "." + fraction) + String(result[digitsEnd...])
        }
        return result
    }

    static func isTaggedValue(_ object: [String: Any]) -> Bool {
        object.count == 2 && object["type"] is String && object["value"] is String
    }

    static func kind(of expected: Any) -> String {
        switch expected {
        case let object as [String: Any]: isTaggedValue(object) ? "\(object["type"]!)" : "table"
        case is [Any]: "array"
        default: "\(type(of: expected))"
        }
    }
}
