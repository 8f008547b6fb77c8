import Testing
@testable import Redaction

@Suite struct PercentDecoderTests {
    /// The tokens `PercentDecoder.nextToken` finds in `line`, as strings.
    static func tokens(_ line: String) -> [String] {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBytes { buffer in
            var found: [String] = []
            var start = 0
            while let token = PercentDecoder.nextToken(in: buffer, from: start) {
                found.append(String(decoding: buffer[token], as: UTF8.self))
                start = token.upperBound
            }
            return found
        }
    }

    static func decode(_ token: String) -> (text: String, offsets: [Int32]) {
        var output: [UInt8] = []
        var offsets: [Int32] = []
        Array(token.utf8).withUnsafeBytes { PercentDecoder.decode($0, into: &output, offsets: &offsets) }
        return (String(decoding: output, as: UTF8.self), offsets)
    }

    @Test(arguments: [
        ("GET /sso?back=%2Fhome%3Ftab%3D2 HTTP/1.1", ["/sso?back=%2Fhome%3Ftab%3D2"]),
        (#"{"next":"%2Fcart%3Fid%3D7","n":1}"#, ["%2Fcart%3Fid%3D7"]),
        ("a=%41 b=plain c=%42%43", ["a=%41", "c=%42%43"]),
        ("<a href=x%20y>", ["href=x%20y"]),
        ("cmd='q%3Dv' `r%3Ds`", ["q%3Dv", "r%3Ds"]),
    ])
    func tokensAreTheURLRunsAroundEscapes(_ line: String, _ expected: [String]) {
        #expect(Self.tokens(line) == expected)
    }

    @Test(arguments: ["100% sure", "%zz and %4", "rate 50%", "%", "no escapes at all", "trailing %4"])
    func noTokenWithoutAValidEscape(_ line: String) {
        #expect(Self.tokens(line).isEmpty)
    }

    @Test func decodingMapsEveryByteToWholeEscapes() {
        let (text, offsets) = Self.decode("k%3Dv%2F")
        #expect(text == "k=v/")
        // k <- 0, = <- 1..<4, v <- 4, / <- 5..<8, end 8
        #expect(offsets == [0, 1, 4, 5, 8])
    }

    @Test(arguments: [
        ("%41%62", "Ab"),
        ("%4g%41", "%4gA"),
        ("%%41", "%A"),
        ("a+b%2Bc", "a+b+c"),
        ("%253D", "%3D"),
        ("%e2%82%ac", "€"),
        ("end%4", "end%4"),
    ])
    func decodesValidEscapesOnlyAndKeepsTheRest(_ token: String, _ expected: String) {
        let (text, offsets) = Self.decode(token)
        #expect(text == expected)
        #expect(offsets.count == Array(expected.utf8).count + 1)
        #expect(offsets.last == Int32(token.utf8.count))
    }
}
