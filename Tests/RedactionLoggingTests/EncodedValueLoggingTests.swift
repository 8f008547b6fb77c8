import Foundation
import InMemoryLogging
import Logging
import RedactionLogging
import Testing

/// The value decoders run in the log handler too: messages and metadata values holding a
/// secret behind percent-encoding, base64 in a credential context or a Python bytes literal are
/// masked with their context kept. Samples are made up for this test.
@Suite struct EncodedValueLoggingTests {
    static func b64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    @Test func messageAndMetadataAreDecoded() throws {
        let redactor = try LogRedactor()
        let memory = InMemoryLogHandler()
        let logger = Logger(label: "decoders") { _ in RedactingLogHandler(wrapping: memory, redactor: redactor) }
        logger.info("redirecting to /signin?back=%2Forders%3Fpasswd%3DNe4-Qs7-Lx2%26tab%3D1",
                    metadata: ["registry": "{\"auths\":{\"r.example\":{\"auth\":\"\(Self.b64("ci-pull:Wq9-Er4-Ty6"))\"}}}",
                               "upstream": "X-Relay: Basic \(Self.b64("relay:Pl9-Ok8-Ij7"))",
                               "python": "{'X-Session-Token': b'0f1e2d3c4b5a69788796a5b4c3d2e1f0'}",
                               "plain": "backup-operator"])
        let entry = try #require(memory.entries.first)
        #expect(entry.message.description == "redirecting to /signin?back=%2Forders%3Fpasswd%3D***%26tab%3D1")
        #expect(entry.metadata["registry"] == "{\"auths\":{\"r.example\":{\"auth\":\"***\"}}}")
        #expect(entry.metadata["upstream"] == "X-Relay: Basic ***")
        #expect(entry.metadata["python"] == "{'X-Session-Token': b'***'}")
        #expect(entry.metadata["plain"] == "backup-operator")
    }
}
