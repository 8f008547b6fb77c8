#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The loops the whole-line decoders share (``UnicodeEscapeDecoder``, ``HTMLEntityDecoder``): an
/// escape is a run of bytes that starts with a marker byte and stands for one byte; `escape`
/// says whether one starts at an offset, and which byte of what length it is. Pure functions over
/// the line; never allocate once the output arrays have grown.
enum EscapedLineDecoding {
    /// One escape: the byte it stands for and how many bytes of the line it takes.
    typealias Escape = (byte: UInt8, length: Int)

    /// Whether `line` holds at least one escape (memchr for each `marker`).
    static func holdsEscape(_ line: UnsafeRawBufferPointer, marker: UInt8,
                            _ escape: (UnsafeRawBufferPointer, Int) -> Escape?) -> Bool {
        var index = 0
        while index < line.count {
            // SAFETY: `index < line.count`, so the base address exists and the length is positive.
            let base = line.baseAddress.unsafelyUnwrapped
            guard let found = memchr(base + index, Int32(marker), line.count - index) else { return false }
            let start = base.distance(to: UnsafeRawPointer(found))
            if escape(line, start) != nil { return true }
            index = start + 1
        }
        return false
    }

    /// Replaces `output` with the decoding of `line`, and `offsets` with, for each decoded byte,
    /// the offset in `line` of the bytes it came from, plus one last entry `line.count`: decoded
    /// bytes `a..<b` came from `line[offsets[a]..<offsets[b]]` (whole escapes, never a part).
    static func decode(_ line: UnsafeRawBufferPointer, into output: inout [UInt8], offsets: inout [Int32],
                       _ escape: (UnsafeRawBufferPointer, Int) -> Escape?) {
        output.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        var index = 0
        while index < line.count {
            offsets.append(Int32(truncatingIfNeeded: index))
            if let found = escape(line, index) {
                output.append(found.byte)
                index += found.length
            } else {
                output.append(line[index])
                index += 1
            }
        }
        offsets.append(Int32(truncatingIfNeeded: line.count))
    }
}
