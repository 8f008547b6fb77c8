import Redaction
import SystemPackage

/// The state file's text format (see ``serialize(_:)``): numbers, hashes and percent-encoded
/// names only, never log content, with a checksum line that detects damage.
extension CheckpointStore {
    static let header = "redact-follow-state 1"

    /// The text format, one record per line:
    /// ```
    /// redact-follow-state 1
    /// saved SECONDS                    (wall clock of the checkpoint)
    /// output DEV INO LENGTH            (only with --output)
    /// file DEV INO OFFSET HEADLEN HEADHASH WINLEN WINHASH STATUS PATH [BLOCKRULE BLOCKLINES]
    /// checksum HASH                    (FNV-1a 64 of all bytes before this line)
    /// ```
    /// Hashes are 16 hex digits; PATH is percent-encoded (no spaces or newlines).
    static func serialize(_ state: FollowState) -> [UInt8] {
        var text = header + "\n"
        text += "saved \(state.savedAt)\n"
        if let output = state.output {
            text += "output \(output.identity.device) \(output.identity.inode) \(output.length)\n"
        }
        for file in state.files {
            text += "file \(file.identity.device) \(file.identity.inode) \(file.offset) \(file.headLength) "
                + "\(hex(file.headHash)) \(file.windowLength) \(hex(file.windowHash)) \(file.status.rawValue) "
                + "\(percentEncode(file.path.string))"
            if let block = file.openBlock {
                text += " \(percentEncode(block.ruleID)) \(block.linesMasked)"
            }
            text += "\n"
        }
        var bytes = Array(text.utf8)
        bytes += Array("checksum \(hex(ContentHash.of(bytes)))\n".utf8)
        return bytes
    }

    /// Parses ``serialize(_:)`` output; anything else is `.corrupt` with a reason that quotes no
    /// content (only a line number).
    static func parse(_ bytes: [UInt8]) -> LoadResult {
        if bytes.isEmpty { return .corrupt("empty file") }
        guard let checksumStart = lastLineStart(bytes) else { return .corrupt("no checksum line") }
        let body = Array(bytes[0..<checksumStart])
        guard let checksumLine = String(validating: bytes[checksumStart...].dropLast(), as: UTF8.self),
              bytes.last == 0x0A else { return .corrupt("no checksum line") }
        let checksumFields = checksumLine.split(separator: " ")
        guard checksumFields.count == 2, checksumFields[0] == "checksum",
              let stored = UInt64(checksumFields[1], radix: 16) else { return .corrupt("no checksum line") }
        guard stored == ContentHash.of(body) else { return .corrupt("checksum mismatch") }
        guard let text = String(validating: body, as: UTF8.self) else { return .corrupt("not text") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard lines.first == Substring(header) else { return .corrupt("unknown format or version") }
        var state = FollowState()
        for (index, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            switch fields.first {
            case "saved":
                guard fields.count == 2, let seconds = Double(fields[1]), seconds.isFinite, seconds >= 0
                else { return .corrupt("bad record on line \(index + 1)") }
                state.savedAt = seconds
            case "output":
                guard fields.count == 4, let device = UInt64(fields[1]), let inode = UInt64(fields[2]),
                      let length = Int64(fields[3]), length >= 0 else { return .corrupt("bad record on line \(index + 1)") }
                state.output = .init(identity: FileIdentity(device: device, inode: inode), length: length)
            case "file":
                guard fields.count == 10 || fields.count == 12, let device = UInt64(fields[1]), let inode = UInt64(fields[2]),
                      let offset = Int64(fields[3]), offset >= 0,
                      let headLength = Int(fields[4]), (0...FileCheckpoint.headCapacity).contains(headLength),
                      let headHash = UInt64(fields[5], radix: 16),
                      let windowLength = Int(fields[6]), (0...FileCheckpoint.windowCapacity).contains(windowLength),
                      Int64(windowLength) <= offset,
                      let windowHash = UInt64(fields[7], radix: 16),
                      let status = FileCheckpoint.Status(rawValue: String(fields[8])),
                      let pathText = percentDecode(fields[9]), !pathText.isEmpty
                else { return .corrupt("bad record on line \(index + 1)") }
                var openBlock: OpenBlock?
                if fields.count == 12 {
                    guard let rule = percentDecode(fields[10]), !rule.isEmpty, let lines = Int(fields[11]), lines >= 0
                    else { return .corrupt("bad record on line \(index + 1)") }
                    openBlock = OpenBlock(ruleID: rule, linesMasked: lines)
                }
                state.files.append(FileCheckpoint(identity: FileIdentity(device: device, inode: inode), offset: offset,
                                                  headLength: headLength, headHash: headHash, windowLength: windowLength,
                                                  windowHash: windowHash, status: status, path: FilePath(pathText),
                                                  openBlock: openBlock))
            default:
                return .corrupt("unknown record on line \(index + 1)")
            }
        }
        return .loaded(state)
    }

    private static func lastLineStart(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        var index = bytes.count - 2
        while index >= 0 {
            if bytes[index] == 0x0A { return index + 1 }
            index -= 1
        }
        return nil
    }

    static func hex(_ value: UInt64) -> String { Hex.string(value, width: 16) }

    private static func percentEncode(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "-"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = String(byte, radix: 16, uppercase: true)
                result += "%" + (digits.count == 1 ? "0" : "") + digits
            }
        }
        return result
    }

    private static func percentDecode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
