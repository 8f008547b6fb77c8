import Testing
@testable import Redaction

@Suite struct DecodedTextTests {
    static func isText(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBytes { DecodedText.isText($0) } }
    static func isPair(_ text: String, _ strictness: DecodedText.Strictness) -> Bool {
        Array(text.utf8).withUnsafeBytes { DecodedText.isCredentialPair($0, strictness: strictness) }
    }

    @Test func textIsValidUTF8WithoutControlCharacters() {
        #expect(Self.isText(Array("plain: text\twith tab\r\n".utf8)))
        #expect(Self.isText(Array("Grüße, 東京 🔑".utf8)))
        #expect(!Self.isText([0x61, 0x00, 0x62]))
        #expect(!Self.isText([0x61, 0x1B, 0x62]))
        #expect(!Self.isText([0x61, 0x7F]))
        #expect(!Self.isText([0xC3]))
        #expect(!Self.isText([0xFF, 0xFE]))
        #expect(!Self.isText([0xE2, 0x28, 0xA1]))
        // A PNG header is not text.
        #expect(!Self.isText([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }

    @Test(arguments: ["jdoe:Wq8-Lp2", "svc.build@corp:P4ss word", "rk_live_9f8e7d:", ":only-a-password", "ü-user:pw"])
    func pairsAfterBasic(_ text: String) {
        #expect(Self.isPair(text, .basicScheme))
    }

    @Test(arguments: ["no colon here", ":", "a\nb:c", "user:pw\nmore", "{\"a\":1}", "a b:c"])
    func notPairsEvenAfterBasic(_ text: String) {
        #expect(!Self.isPair(text, .basicScheme))
    }

    @Test(arguments: ["jdoe:Wq8-Lp2", "robot$ci:Vq8:Lm2", "ops@example.org:Vn4#kP8"])
    func pairsUnderAKey(_ text: String) {
        #expect(Self.isPair(text, .keyedValue))
    }

    @Test(arguments: ["rk_live_9f8e7d:", ":pw", "12:30:45", "10:0.5", "https://example.com/x", "note: see docs",
                      "user:pass word", "hello world"])
    func notPairsUnderAKey(_ text: String) {
        #expect(!Self.isPair(text, .keyedValue))
    }
}
