/// A strict parser of the Prometheus text exposition format (0.0.4), for tests: what
/// node_exporter's textfile collector accepts.
struct PrometheusTextParser {
    struct Sample: Hashable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct Failure: Error, CustomStringConvertible {
        var line: Int
        var reason: String
        var description: String { "line \(line): \(reason)" }
    }

    private(set) var samples: [Sample] = []
    private(set) var types: [String: String] = [:]
    private(set) var help: [String: String] = [:]

    init(_ text: String) throws {
        guard text.hasSuffix("\n") else { throw Failure(line: 0, reason: "no final newline") }
        var seenSeries = Set<String>()
        var finishedFamilies = Set<String>()
        var currentFamily: String?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated() {
            let number = index + 1
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let fields = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
                guard fields.count >= 3, fields[0] == "#" else { continue }
                let name = String(fields[2])
                guard Self.isMetricName(name) else { throw Failure(line: number, reason: "bad metric name \(name)") }
                if fields[1] == "TYPE" {
                    guard fields.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(fields[3]) else {
                        throw Failure(line: number, reason: "bad TYPE")
                    }
                    guard types[name] == nil, !finishedFamilies.contains(name) else { throw Failure(line: number, reason: "TYPE twice or after samples") }
                    types[name] = String(fields[3])
                } else if fields[1] == "HELP" {
                    guard help[name] == nil else { throw Failure(line: number, reason: "HELP twice") }
                    help[name] = fields.count == 4 ? String(fields[3]) : ""
                }
                continue
            }
            let sample = try Self.sample(line, number: number)
            let family = sample.name
            if currentFamily != family {
                if let currentFamily { finishedFamilies.insert(currentFamily) }
                guard !finishedFamilies.contains(family) else { throw Failure(line: number, reason: "\(family) not contiguous") }
                currentFamily = family
            }
            let key = family + sample.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            guard seenSeries.insert(key).inserted else { throw Failure(line: number, reason: "duplicate series \(key)") }
            samples.append(sample)
        }
    }

    /// The value of the series `name` with exactly `labels`.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    static func isMetricName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first == ":" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0 == ":" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    private static func sample(_ line: Substring, number: Int) throws -> Sample {
        var rest = line[...]
        let nameEnd = rest.firstIndex { $0 == "{" || $0 == " " } ?? rest.endIndex
        let name = String(rest[..<nameEnd])
        guard isMetricName(name) else { throw Failure(line: number, reason: "bad metric name \(name)") }
        rest = rest[nameEnd...]
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                guard let equals = rest.firstIndex(of: "=") else { throw Failure(line: number, reason: "label without =") }
                let label = String(rest[..<equals])
                guard isMetricName(label), !label.contains(":") else { throw Failure(line: number, reason: "bad label name") }
                rest = rest[rest.index(after: equals)...]
                guard rest.first == "\"" else { throw Failure(line: number, reason: "unquoted label value") }
                rest = rest.dropFirst()
                var value = ""
                while true {
                    guard let character = rest.first else { throw Failure(line: number, reason: "unterminated label value") }
                    rest = rest.dropFirst()
                    if character == "\"" { break }
                    if character == "\\" {
                        switch rest.first {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: throw Failure(line: number, reason: "bad escape")
                        }
                        rest = rest.dropFirst()
                    } else {
                        value.append(character)
                    }
                }
                guard labels.updateValue(value, forKey: label) == nil else { throw Failure(line: number, reason: "label twice") }
                if rest.first == "," { rest = rest.dropFirst() }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw Failure(line: number, reason: "no value") }
        let fields = rest.dropFirst().split(separator: " ")
        guard (1...2).contains(fields.count), let value = Double(fields[0]) ?? (fields[0] == "+Inf" ? .infinity : nil)
        else { throw Failure(line: number, reason: "bad value") }
        if fields.count == 2, Int64(fields[1]) == nil { throw Failure(line: number, reason: "bad timestamp") }
        return Sample(name: name, labels: labels, value: value)
    }
}
