public import Redaction

/// A snapshot of what `follow` did, rendered as Prometheus text (``prometheusText``) for
/// `--metrics-file` and `--stats`. Counts, rule ids and file names only; never content.
public struct FollowMetrics: Sendable, Hashable {
    /// Lines, bytes, redactions by rule, engine errors and over-long lines of every file followed
    /// since the start.
    public var statistics = RedactionStatistics()
    public var rotations = 0
    public var truncations = 0
    public var copytruncateLosses = 0
    public var checkpoints = 0
    /// Wall-clock seconds of the last checkpoint (nil: none yet).
    public var lastCheckpointTime: Double?
    /// Unread bytes per open file (name -> bytes).
    public var lagBytes: [String: Int64] = [:]
    public var openFiles = 0

    public init() {}

    /// The Prometheus text exposition format (version 0.0.4): `# HELP`, `# TYPE`, then samples.
    public var prometheusText: String {
        var text = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            text += "# HELP redact_follow_\(name) \(help)\n# TYPE redact_follow_\(name) \(type)\n"
            for sample in samples { text += "redact_follow_\(name)\(sample.labels) \(sample.value)\n" }
        }
        func plain(_ value: Int) -> [(labels: String, value: String)] { [("", String(value))] }
        family("lines_total", "counter", "Lines read and written out (after redaction).", plain(statistics.lines))
        family("lines_redacted_total", "counter", "Lines in which something was masked.", plain(statistics.linesRedacted))
        family("bytes_read_total", "counter", "Bytes read from followed files.", plain(statistics.bytesIn))
        family("bytes_written_total", "counter", "Bytes written to the output (without --with-filename prefixes).",
               plain(statistics.bytesOut))
        family("redactions_total", "counter", "Secrets masked, by rule id.",
               statistics.redactionsByRule.sorted { $0.key < $1.key }.map { (Self.labels(["rule": $0.key]), String($0.value)) })
        family("engine_errors_total", "counter", "Lines the regex engine failed on (handled per --on-error), by reason.",
               statistics.engineErrors.sorted { $0.key < $1.key }.map { (Self.labels(["reason": $0.key]), String($0.value)) })
        family("overlong_lines_total", "counter", "Lines over --max-line-bytes, replaced by a marker.", plain(statistics.overlongLines))
        family("unterminated_blocks_total", "counter", "Multi-line blocks without END, masked up to their bound.",
               plain(statistics.unterminatedBlocks))
        family("rotations_total", "counter", "Followed files renamed, deleted or replaced.", plain(rotations))
        family("truncations_total", "counter", "Truncations detected (copytruncate).", plain(truncations))
        family("copytruncate_losses_total", "counter",
               "Truncations after which the old content past the read position was not found in a copy (lines may be lost).",
               plain(copytruncateLosses))
        family("checkpoints_total", "counter", "Checkpoints written.", plain(checkpoints))
        family("last_checkpoint_timestamp_seconds", "gauge", "Wall-clock time of the last checkpoint (0: none yet).",
               [("", Self.number(lastCheckpointTime ?? 0))])
        family("open_files", "gauge", "Files open for reading.", plain(openFiles))
        family("lag_bytes", "gauge", "Bytes written to a followed file and not read yet.",
               lagBytes.sorted { $0.key < $1.key }.map { (Self.labels(["file": $0.key]), String($0.value)) })
        return text
    }

    /// `{name="value",...}` with the exposition format's escapes (`\\`, `\"`, `\n`).
    static func labels(_ pairs: [String: String]) -> String {
        let rendered = pairs.sorted { $0.key < $1.key }.map { key, value in
            var escaped = ""
            for character in value {
                switch character {
                case "\\": escaped += "\\\\"
                case "\"": escaped += "\\\""
                case "\n": escaped += "\\n"
                default: escaped.append(character)
                }
            }
            return "\(key)=\"\(escaped)\""
        }
        return "{" + rendered.joined(separator: ",") + "}"
    }

    /// A sample value: integral values without a fraction, others with millisecond precision.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let milliseconds = (value * 1000).rounded() / 1000
        return String(milliseconds)
    }
}
