/// What one pass over a value tells ``SecretShape/isPlaceholder(_:)``: whether it is made of mask
/// characters only, whether it holds a run of them (`***`, `xxxxx`, `XXXXX`, `...`), and which
/// bytes its substring searches start with, so that a value holding none of them is not searched
/// again for each marker. Plain value type; no allocation.
struct PlaceholderBytes {
    /// Every byte is a mask character: `*xX.#-_?+` or a byte of UTF-8 "•" / "…" (E2 80 A2 / A6).
    private(set) var onlyMaskBytes = true
    /// Three `*` or `.` in a row, or five `x` or `X`.
    private(set) var hasMaskRun = false
    private(set) var hasE2 = false
    private(set) var hasPercent = false
    private(set) var hasStar = false
    private(set) var hasUpperR = false
    private(set) var hasLowerR = false

    init(_ v: UnsafeRawBufferPointer) {
        var previous: UInt8 = 0
        var run = 0
        for byte in v {
            run = byte == previous ? run &+ 1 : 1
            previous = byte
            switch byte {
            case UInt8(ascii: "*"):
                hasStar = true
                if run >= 3 { hasMaskRun = true }
            case UInt8(ascii: "."):
                if run >= 3 { hasMaskRun = true }
            case UInt8(ascii: "x"), UInt8(ascii: "X"):
                if run >= 5 { hasMaskRun = true }
            case UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "+"),
                 0x80, 0xA2, 0xA6:
                break
            case 0xE2:
                hasE2 = true
            case UInt8(ascii: "%"):
                hasPercent = true
                onlyMaskBytes = false
            case UInt8(ascii: "R"):
                hasUpperR = true
                onlyMaskBytes = false
            case UInt8(ascii: "r"):
                hasLowerR = true
                onlyMaskBytes = false
            default:
                onlyMaskBytes = false
            }
        }
    }
}
