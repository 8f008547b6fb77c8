/// The keyword occurrences of the line being scanned: a range of a ``LiteralScratch``'s entries and
/// where the line starts in the buffer those entries' offsets refer to.
struct LineHits {
    unowned(unsafe) let source: LiteralScratch
    let range: Range<Int>
    /// Offset of the line's first byte in the scanned buffer.
    let base: Int
}
