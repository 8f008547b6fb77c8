import Logging
import RedactionLogging
import Foundation

/// Shared fixtures: an in-memory `canary` rule (so the tests stay meaningful whatever the
/// built-in packs hold), canary generators and a thread-safe capturing stream.
enum Fixtures {
    /// Matches `CANARY-` followed by 12 upper-case letters or digits.
    static let canaryRule = RedactionRule(id: "canary", regex: "CANARY-[A-Z0-9]{12}", keywords: ["canary-"])

    /// A rule set with only the canary rule.
    static func ruleSet(replacement: String = "***", hashKey: HashKey? = nil,
                        limits: MatchLimits = .default) throws -> CompiledRuleSet {
        try CompiledRuleSet(rules: [canaryRule],
                            options: .init(replacement: try ReplacementTemplate(replacement), hashKey: hashKey, limits: limits))
    }

    /// A redactor with only the canary rule.
    static func redactor(replacement: String = "***", hashKey: HashKey? = nil, limits: MatchLimits = .default,
                         configuration: LogRedactor.Configuration = .init()) throws -> LogRedactor {
        LogRedactor(ruleSet: try ruleSet(replacement: replacement, hashKey: hashKey, limits: limits),
                    configuration: configuration)
    }

    /// A canary whose 12-character tail encodes `number` (base 36, zero-padded).
    static func canary(_ number: Int) -> String {
        let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var value = number
        var tail: [Character] = []
        for _ in 0..<12 {
            tail.append(digits[value % 36])
            value /= 36
        }
        return "CANARY-" + String(tail.reversed())
    }

    static let hashKey: HashKey = try! HashKey(bytes: Array(repeating: 7, count: 32))
}

/// An error whose description carries whatever it is given.
struct UpstreamError: Error, CustomStringConvertible {
    var description: String
}

/// Collects every line a `StreamLogHandler` writes, in order, from any thread.
///
/// Locked with `NSLock` (a pthread mutex, which ThreadSanitizer understands; the futex-based
/// `Synchronization.Mutex` is invisible to it and draws false race reports).
final class LineCollector: @unchecked Sendable {
    // SAFETY: `bytes` is only touched under `lock`.
    private let lock = NSLock()
    private var bytes: [UInt8] = []

    func append(_ string: String) {
        lock.lock()
        defer { lock.unlock() }
        bytes.append(contentsOf: string.utf8)
    }

    var output: [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return bytes
    }
    var text: String { String(decoding: output, as: UTF8.self) }
    var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
}

/// A `TextOutputStream` into a ``LineCollector`` (StreamLogHandler writes one line per write).
struct CollectingStream: TextOutputStream, Sendable {
    let collector: LineCollector
    mutating func write(_ string: String) { collector.append(string) }
}

extension Logger.Message {
    var text: String { description }
}
