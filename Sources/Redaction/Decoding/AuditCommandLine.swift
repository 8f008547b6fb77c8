internal import CRedactScan

/// The command line an auditd record holds, put back together so the command rules can read it.
///
/// auditd logs a process's arguments one field each, `type=EXECVE ... argc=3 a0="mysql"
/// a1="-uroot" a2="-pS3cret"`, and hex-encodes an argument that holds a blank, a quote or a
/// control byte (`a2=2D2D70617373776F72643D...`); `proctitle=<hex>` (a PROCTITLE record) holds
/// the whole argv, hex-encoded and NUL-separated. A rule that reads `mysql -pS3cret` or
/// `sshpass -p X` sees neither form: the view joins the arguments with blanks (hex decoded, a
/// NUL read as a blank), and every view byte maps back to the record bytes it came from.
/// `ausearch -i` prints the arguments unquoted and decoded (`a2=-pS3cret`): those are taken as
/// they stand.
///
/// A pure function over the caller's buffers (``DecodingScratch``): no allocation once they have
/// grown. Thread-safe.
enum AuditCommandLine {
    /// Literals that mark a line as an auditd record with a command line (decoder triggers: a
    /// hex-encoded argument shows no rule keyword in the line itself).
    static let triggers = ["type=execve", "proctitle="]

    /// Replaces `view` with the command line of `line` when `line` is an auditd EXECVE record
    /// (`aN=` fields) or holds a hex `proctitle=`; `offsets` gets, for each view byte, the offset
    /// in `line` of the bytes it came from, plus one last entry: view bytes `a..<b` came from
    /// `line[offsets[a]..<offsets[b]]` (whole hex pairs, never half of one). The blank between
    /// two arguments maps to the end of the first.
    ///
    /// - Returns: false when the line holds no such command line (both buffers are then empty).
    static func decode(_ line: UnsafeRawBufferPointer, into view: inout [UInt8], offsets: inout [Int32]) -> Bool {
        view.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        var end = 0  // where the record bytes of the last view byte end
        if let title = find("proctitle=", in: line) {
            var stop = title
            while stop < line.count && PercentDecoder.hexValue(line[stop]) != nil { stop += 1 }
            // (a quoted proctitle is plain text already in the line)
            guard stop - title >= 4, (stop - title) % 2 == 0 else { return false }
            appendHex(line, title..<stop, into: &view, offsets: &offsets)
            end = stop
        } else if find("type=EXECVE", in: line) != nil {
            var index = 0
            while let argument = nextArgument(in: line, from: index) {
                index = argument.upperBound
                if !view.isEmpty {
                    offsets.append(Int32(truncatingIfNeeded: end))
                    view.append(UInt8(ascii: " "))
                }
                if isHex(UnsafeRawBufferPointer(rebasing: line[argument])) {
                    appendHex(line, argument, into: &view, offsets: &offsets)
                } else {
                    for position in argument {
                        offsets.append(Int32(truncatingIfNeeded: position))
                        view.append(line[position])
                    }
                }
                end = argument.upperBound
            }
        }
        guard !view.isEmpty else {
            offsets.removeAll(keepingCapacity: true)
            return false
        }
        offsets.append(Int32(truncatingIfNeeded: end))
        return true
    }

    /// Widens `span` (record positions) to the whole hex-encoded argument or `proctitle` it lies
    /// in, if any: one argument is one secret's worth of hex, and a half-masked run of hex digits
    /// is no clearer than the whole. A span in a quoted argument stays as it is.
    static func widenToHexArgument(_ span: inout RedactionSpan, in line: UnsafeRawBufferPointer) {
        var start = span.start
        while start > 0 && PercentDecoder.hexValue(line[start - 1]) != nil { start -= 1 }
        guard start > 0, line[start - 1] == UInt8(ascii: "=") else { return }
        var end = max(span.end, start)
        while end < line.count && PercentDecoder.hexValue(line[end]) != nil { end += 1 }
        span.start = start
        span.end = end
    }

    /// The value of the next `aN=` field at or after `start` (inside the quotes when quoted),
    /// skipping `argc=`, `aN_len=` and `aN[i]=` (the pieces of an argument too long for one
    /// field), or nil when none is left.
    private static func nextArgument(in line: UnsafeRawBufferPointer, from start: Int) -> Range<Int>? {
        var index = start
        while index + 3 < line.count {
            defer { index += 1 }
            guard line[index] == UInt8(ascii: "a"), index > 0, line[index - 1] == UInt8(ascii: " ") else { continue }
            var digits = index + 1
            while digits < line.count && SecretShape.isDigit(line[digits]) { digits += 1 }
            guard digits > index + 1, digits < line.count, line[digits] == UInt8(ascii: "=") else { continue }
            let valueStart = digits + 1
            if valueStart < line.count && line[valueStart] == UInt8(ascii: "\"") {
                var close = valueStart + 1
                while close < line.count && line[close] != UInt8(ascii: "\"") { close += 1 }
                guard close < line.count else { return nil }
                return (valueStart + 1)..<close
            }
            var stop = valueStart
            while stop < line.count && line[stop] != UInt8(ascii: " ") && line[stop] != UInt8(ascii: "\t") { stop += 1 }
            guard stop > valueStart else { continue }
            return valueStart..<stop
        }
        return nil
    }

    /// An even number (2 or more) of hex digits, as auditd encodes an argument.
    private static func isHex(_ value: UnsafeRawBufferPointer) -> Bool {
        value.count >= 2 && value.count % 2 == 0 && value.allSatisfy { PercentDecoder.hexValue($0) != nil }
    }

    /// Appends the bytes the hex digits `line[range]` encode (an odd last digit is dropped), a
    /// NUL as a blank, with the offset of each pair.
    private static func appendHex(_ line: UnsafeRawBufferPointer, _ range: Range<Int>, into view: inout [UInt8],
                                  offsets: inout [Int32]) {
        var index = range.lowerBound
        while index + 1 < range.upperBound {
            // SAFETY of the unwraps: the callers checked that `range` holds hex digits only.
            let byte = PercentDecoder.hexValue(line[index]).unsafelyUnwrapped << 4
                | PercentDecoder.hexValue(line[index + 1]).unsafelyUnwrapped
            offsets.append(Int32(truncatingIfNeeded: index))
            view.append(byte == 0 ? UInt8(ascii: " ") : byte)
            index += 2
        }
    }

    /// Offset just past the first occurrence of `needle` in `line`, or nil.
    private static func find(_ needle: StaticString, in line: UnsafeRawBufferPointer) -> Int? {
        guard let base = line.baseAddress else { return nil }
        let found = redact_find_bytes(base.assumingMemoryBound(to: UInt8.self), line.count,
                                      needle.utf8Start, needle.utf8CodeUnitCount)
        return found < 0 ? nil : Int(found) + needle.utf8CodeUnitCount
    }
}
