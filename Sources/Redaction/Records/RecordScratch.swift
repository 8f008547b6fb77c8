/// Reusable working memory for one nesting level of a JSON record: its string values, a value's
/// decoded bytes with their source offsets, the text scanned for it, and the spans found. Owned
/// by one ``ScanScratch``; grows to the largest record seen, then allocates nothing.
final class RecordScratch {
    var entries: [JSONRecordEntry] = []
    /// The decoded bytes of the value being looked at.
    var decoded: [UInt8] = []
    /// For each decoded byte, the offset in the value's content it came from (plus a sentinel).
    var sources: [Int32] = []
    /// The text scanned for a value: `"key":"` + decoded value + `"`, so rules see the key.
    var scanned: [UInt8] = []
    /// Spans found at this level, in the coordinates of the text this level walks.
    var spans: [RedactionSpan] = []

    init() {
        entries.reserveCapacity(32)
        decoded.reserveCapacity(256)
        sources.reserveCapacity(256)
        scanned.reserveCapacity(256)
        spans.reserveCapacity(16)
    }
}
