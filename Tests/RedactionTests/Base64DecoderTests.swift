import Foundation
import Testing
@testable import Redaction

@Suite struct Base64DecoderTests {
    static func decode(_ token: String) -> [UInt8]? {
        var output: [UInt8] = []
        let ok = Array(token.utf8).withUnsafeBytes { Base64Decoder.decode($0, appendingTo: &output) }
        return ok ? output : nil
    }

    @Test(arguments: ["", "a", "ab:c", "rk-7:Lq2x!Wz", "\u{1F511} key", String(repeating: "xyz", count: 100)])
    func decodesWhatFoundationEncodes(_ text: String) throws {
        let encoded = Data(text.utf8).base64EncodedString()
        if text.isEmpty {
            #expect(Self.decode(encoded) == nil, "an empty token is not a value")
            return
        }
        #expect(Self.decode(encoded) == Array(text.utf8))
        // Unpadded and URL-safe forms decode to the same bytes.
        let unpadded = encoded.replacingOccurrences(of: "=", with: "")
        #expect(Self.decode(unpadded) == Array(text.utf8))
        let urlSafe = unpadded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        #expect(Self.decode(urlSafe) == Array(text.utf8))
    }

    @Test func decodesBinary() {
        let bytes: [UInt8] = [0xFB, 0xFF, 0x00, 0x10, 0x83]
        #expect(Self.decode(Data(bytes).base64EncodedString()) == bytes)
    }

    @Test(arguments: ["abcde", "ab=c", "abc==", "a===", "ab*d", "ab d", "====", "abc=d"])
    func rejectsMalformedTokens(_ token: String) {
        #expect(Self.decode(token) == nil)
    }

    @Test func tokenLengthStopsAtTheAlphabetAndTwoPaddingBytes() {
        let line = Array("x=dXNlcjpw===;rest".utf8)
        line.withUnsafeBytes { buffer in
            #expect(Base64Decoder.tokenLength(in: buffer, from: 2) == 10)
            #expect(Base64Decoder.tokenLength(in: buffer, from: 13) == 0)
            #expect(Base64Decoder.tokenLength(in: buffer, from: 14) == 4)
            #expect(Base64Decoder.tokenLength(in: buffer, from: 12) == 0, "padding alone is no token")
        }
    }
}
