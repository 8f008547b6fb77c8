/// How lines are read as records before their text is scanned (`redact --parse`).
public enum RecordFormat: String, Sendable, Hashable, CaseIterable {
    /// Recognise JSON records (Docker json-file, journald export JSON, any JSON object) by their
    /// shape; anything else is text. The default.
    case auto
    /// Every line is plain text.
    case text
    /// A line that is a JSON object is a record; its string values are scanned decoded.
    case json
    /// Docker's json-file driver: `{"log":"...\n","stream":"stdout","time":"..."}`; the `log`
    /// value is the container's line (key blocks are tracked across records).
    case docker
    /// journald export JSON (`journalctl -o json`): the `MESSAGE` value, a string or an array of
    /// byte values, is the line.
    case journald
    /// The CRI format of containerd and CRI-O (`<time> stdout|stderr P|F <message>`): a partial
    /// record (`P`) is joined with its continuation records before scanning.
    case cri

    /// Whether a line that is a JSON object is read as a record.
    var readsJSON: Bool { self != .text && self != .cri }
    /// Whether CRI partial records are joined.
    var readsCRI: Bool { self == .auto || self == .cri }
}
