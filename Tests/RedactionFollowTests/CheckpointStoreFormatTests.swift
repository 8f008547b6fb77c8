import Redaction
@testable import RedactionFollow
import SystemPackage
import Testing

/// The state file's text format: round trip, and every kind of damage refused without content.
@Suite("Checkpoint store format")
struct CheckpointStoreFormatTests {
    static let state = FollowState(
        output: .init(identity: FileIdentity(device: 9, inode: 77), length: 12_345),
        files: [
            FileCheckpoint(identity: FileIdentity(device: 9, inode: 1), offset: 100, headLength: 64, headHash: 0xdead_beef,
                           windowLength: 32, windowHash: 0x1234, status: .active, path: "/var/log/app log.log",
                           openBlock: OpenBlock(ruleID: "private-key", linesMasked: 3)),
            FileCheckpoint(identity: FileIdentity(device: 9, inode: 2), offset: 0, headLength: 0, headHash: 0,
                           windowLength: 0, windowHash: 0, status: .finished, path: "/var/log/app.log.1"),
        ],
        savedAt: 1_800_000_123.5)

    @Test("serialize then parse gives the same state; names are percent-encoded")
    func roundTrip() throws {
        let bytes = CheckpointStore.serialize(Self.state)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("/var/log/app%20log.log"))
        guard case .loaded(let parsed) = CheckpointStore.parse(bytes) else {
            Issue.record("not loaded")
            return
        }
        #expect(parsed == Self.state)
    }

    @Test("damage is refused as corrupt with a reason that quotes no content",
          arguments: ["", "redact-follow-state 2\n", "garbage", "flip", "drop-checksum", "extra-field"])
    func damageIsRefused(kind: String) {
        var bytes = CheckpointStore.serialize(Self.state)
        switch kind {
        case "flip": bytes[30] ^= 0x01
        case "drop-checksum": bytes = Array(bytes[..<(bytes.lastIndex(of: UInt8(ascii: "c"))!)])
        case "extra-field":
            var text = String(decoding: bytes, as: UTF8.self)
            text = String(text[..<text.firstRange(of: "checksum")!.lowerBound]) + "file 1 2 3\n"
            let body = Array(text.utf8)
            bytes = body + Array("checksum \(CheckpointStore.hex(ContentHash.of(body)))\n".utf8)
        case "garbage": bytes = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        default: bytes = Array(kind.utf8)
        }
        guard case .corrupt(let reason) = CheckpointStore.parse(bytes) else {
            Issue.record("accepted damaged state (\(kind))")
            return
        }
        #expect(!reason.contains("var/log"))
    }
}
