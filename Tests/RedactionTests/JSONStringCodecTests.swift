import Foundation
import Redaction
import Testing

/// ``JSONStringCodec``: every escape decoded, every byte sequence encoded to valid JSON, and the
/// two agreeing with Foundation's JSON parser.
@Suite struct JSONStringCodecTests {
    static func decode(_ literal: String) throws -> [UInt8] {
        var copy = literal
        return try copy.withUTF8 { try JSONStringCodec.decode(literal: UnsafeRawBufferPointer($0)) }
    }

    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        bytes.withUnsafeBytes { JSONStringCodec.encode($0, into: &output) }
        return output
    }

    @Test(arguments: [
        (#""""#, ""),
        (#""plain text""#, "plain text"),
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{08}\u{0C}\n\r\t"),
        (#""\u0041\u00e9\u20AC""#, "Aé€"),
        (#""\u0000x""#, "\u{0}x"),
        (#""\ud83d\ude00 grin""#, "😀 grin"),            // surrogate pair
        (#""\uD834\uDD1E""#, "𝄞"),                       // upper-case hex
        (#""raw é and 😀 kept""#, "raw é and 😀 kept"),
        (#""\ud800 lone high""#, "\u{FFFD} lone high"),   // lone surrogates become U+FFFD
        (#""lone low \udc00""#, "lone low \u{FFFD}"),
        (#""\ud800\ud800\udc00""#, "\u{FFFD}𐀀"),          // a high surrogate followed by a full pair
        (#""\ud800\n""#, "\u{FFFD}\n"),
        (#""quote \" inside""#, "quote \" inside"),
    ])
    func decodesEveryEscape(literal: String, expected: String) throws {
        #expect(try Self.decode(literal) == Array(expected.utf8))
    }

    @Test func decodingKeepsInvalidUTF8BytesAsTheyAre() throws {
        let literal: [UInt8] = [0x22, 0x61, 0xFF, 0xC3, 0x22]
        let decoded = try literal.withUnsafeBytes { try JSONStringCodec.decode(literal: $0) }
        #expect(decoded == [0x61, 0xFF, 0xC3])
    }

    @Test(arguments: [
        (#"no quotes"#, JSONStringCodec.DecodingError.missingOpeningQuote(offset: 0)),
        (#""open"#, .unterminated),
        (#""bad \x escape""#, .invalidEscape(offset: 5)),
        (#""short \u12""#, .invalidUnicodeEscape(offset: 7)),
        (#""not hex \u12G4""#, .invalidUnicodeEscape(offset: 9)),
        ("\"tab\tinside\"", .controlCharacter(offset: 4)),
        (#""trailing \"#, .invalidEscape(offset: 10)),
        (#""x" y"#, .trailingBytes(offset: 3)),
    ])
    func refusesMalformedLiterals(literal: String, error: JSONStringCodec.DecodingError) {
        #expect(throws: error) { try Self.decode(literal) }
    }

    @Test func literalEndSkipsEscapedQuotes() throws {
        let text = Array(#"{"msg":"a \"b\" \\","x":1}"#.utf8)
        let end = try text.withUnsafeBytes { try JSONStringCodec.literalEnd(in: $0, from: 7) }
        #expect(end == 19 && text[end] == UInt8(ascii: ","))
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("a\"b\\c/d", #""a\"b\\c/d""#),
        ("\n\r\t\u{08}\u{0C}", #""\n\r\t\b\f""#),
        ("\u{0}\u{1}\u{1F}\u{7F}", #""\u0000\u0001\u001f"# + "\u{7F}\""),
        ("é€😀", "\"é€😀\""),
    ])
    func encodesWithMinimalEscapes(text: String, expected: String) {
        #expect(JSONStringCodec.encode(text) == expected)
    }

    /// Invalid UTF-8 becomes U+FFFD per maximal subpart, exactly as Swift's own decoding does.
    @Test(arguments: [
        [0xFF] as [UInt8], [0xC3], [0x61, 0xC3, 0x62], [0xE2, 0x82], [0xE2, 0x82, 0x41], [0xED, 0xA0, 0x80],
        [0xF0, 0x9F, 0x98], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0x80, 0x80], [0xF0, 0x9F, 0x98, 0x80, 0xFE],
    ])
    func encodingReplacesInvalidUTF8LikeSwift(bytes: [UInt8]) throws {
        let encoded = Self.encode(bytes)
        #expect(String(validating: encoded, as: UTF8.self) != nil, "output is valid UTF-8")
        let expected = JSONStringCodec.encode(String(decoding: bytes, as: UTF8.self))
        #expect(encoded == Array(expected.utf8))
    }

    /// Random byte strings: the literal is valid JSON for Foundation, decodes back to the input
    /// (valid UTF-8 input) or to its U+FFFD-repaired form, and decoding is the inverse of encoding.
    @Test func randomBytesRoundTripThroughFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array(0...0x7F) + [0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0xFF, 0xED, 0xA0]
        for _ in 0..<500 {
            let count = Int.random(in: 0...40, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            let encoded = Self.encode(bytes)
            let repaired = Array(String(decoding: bytes, as: UTF8.self).utf8)
            let parsed = try JSONSerialization.jsonObject(with: Data("[".utf8 + encoded + "]".utf8)) as? [String]
            #expect(parsed.map { $0.map { Array($0.utf8) } } == [repaired])
            #expect(try encoded.withUnsafeBytes { try JSONStringCodec.decode(literal: $0) } == repaired)
        }
    }

    @Test func decodingAgreesWithFoundationOnEscapedText() throws {
        let samples = ["tab\there", "emoji 😀 é", "ctrl \u{1}\u{1F}", "quote \" slash / back \\", "nul \u{0} end"]
        for sample in samples {
            let foundation = try JSONSerialization.data(withJSONObject: [sample], options: [.fragmentsAllowed])
            var text = String(decoding: foundation, as: UTF8.self)
            text.removeFirst()
            text.removeLast()
            #expect(try Self.decode(text) == Array(sample.utf8))
        }
    }

    @Test func decodeIntoReservedOutputDoesNotGrowIt() throws {
        let body = Array(#"a\u00e9\n\ud83d\ude00 and \"more\" text"#.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(body.count)
        let capacity = output.capacity
        try body.withUnsafeBytes { try JSONStringCodec.decode($0, into: &output) }
        #expect(output.capacity == capacity)
        #expect(output == Array("aé\n😀 and \"more\" text".utf8))
    }
}
