import Redaction
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads and saves the ``FollowState`` in `--state DIR`.
///
/// Files in DIR: `follow.state` (the checkpoint, mode 0600), `follow.state.tmp` (only while
/// saving), `follow.lock` (held with `flock` so two sidecars cannot share DIR).
///
/// Contracts:
/// - ``save(_:)`` is atomic: write a temp file, `fsync` it, `rename` it over the state file,
///   `fsync` the directory. A crash at any point leaves either the old or the new state.
/// - ``load()`` never crashes and never throws on bad content: an empty, truncated, garbled or
///   wrong-version file is reported as ``LoadResult/corrupt(_:)`` (the caller warns once and
///   falls back), a missing one as ``LoadResult/missing``. A leftover temp file is removed.
/// - The file holds numbers, hashes and file names only, never log content (a checksum line at
///   the end detects damage).
final class CheckpointStore {
    enum LoadResult {
        case missing
        case loaded(FollowState)
        /// Why the file was refused (no content from it).
        case corrupt(String)
    }

    let directory: String
    var statePath: String { directory + "/follow.state" }
    var temporaryPath: String { directory + "/follow.state.tmp" }
    private var lockDescriptor: Int32 = -1

    /// Creates DIR (mode 0700) if needed and takes the lock.
    /// - Throws: ``CLIError`` when DIR cannot be used or another sidecar holds it.
    init(directory: String) throws {
        self.directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        if mkdir(self.directory, 0o700) != 0 && errno != EEXIST {
            throw CLIError("--state \(directory): cannot create directory: \(String(cString: strerror(errno)))")
        }
        lockDescriptor = open(self.directory + "/follow.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lockDescriptor >= 0 else {
            throw CLIError("--state \(directory): cannot open lock file: \(String(cString: strerror(errno)))")
        }
        if flock(lockDescriptor, LOCK_EX | LOCK_NB) != 0 {
            close(lockDescriptor)
            throw CLIError("--state \(directory): another `redact follow` is using this state directory")
        }
    }

    deinit { if lockDescriptor >= 0 { close(lockDescriptor) } }

    /// Reads the state file (see the type's contract).
    func load() -> LoadResult {
        unlink(temporaryPath)
        let descriptor = open(statePath, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            return errno == ENOENT ? .missing : .corrupt("cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .corrupt("read failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > 64 << 20 { return .corrupt("larger than 64 MiB") }
        }
        return Self.parse(bytes)
    }

    /// Writes `state` atomically (see the type's contract).
    /// - Throws: ``CLIError`` when the file cannot be written (disk full, permissions).
    func save(_ state: FollowState) throws {
        let bytes = Self.serialize(state)
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("create \(temporaryPath)") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                let error = failure("write \(temporaryPath)")
                close(descriptor)
                throw error
            }
            offset += written
        }
        fchmod(descriptor, 0o600)
        if fsync(descriptor) != 0 {
            let error = failure("fsync \(temporaryPath)")
            close(descriptor)
            throw error
        }
        close(descriptor)
        guard rename(temporaryPath, statePath) == 0 else { throw failure("rename to \(statePath)") }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    private func failure(_ what: String) -> CLIError {
        CLIError("state: cannot \(what): \(String(cString: strerror(errno)))")
    }

    // MARK: - Format

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
                + "\(percentEncode(file.path))"
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
                      let path = percentDecode(fields[9]), !path.isEmpty
                else { return .corrupt("bad record on line \(index + 1)") }
                var openBlock: OpenBlock?
                if fields.count == 12 {
                    guard let rule = percentDecode(fields[10]), !rule.isEmpty, let lines = Int(fields[11]), lines >= 0
                    else { return .corrupt("bad record on line \(index + 1)") }
                    openBlock = OpenBlock(ruleID: rule, linesMasked: lines)
                }
                state.files.append(FileCheckpoint(identity: FileIdentity(device: device, inode: inode), offset: offset,
                                                  headLength: headLength, headHash: headHash, windowLength: windowLength,
                                                  windowHash: windowHash, status: status, path: path, openBlock: openBlock))
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
