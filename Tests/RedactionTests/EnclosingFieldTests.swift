import Testing
@testable import Redaction

/// A value a rule finds ends inside the field that holds it: the string of a JSON line escaped in
/// another, a JSON text's line before an indented stack frame, an XML element, a percent-encoded
/// query parameter. The secret is masked and the structure after it stays (probe round 87: these
/// outputs had lost the next key, the next element or the next query parameter).
@Suite struct EnclosingFieldTests {
    static let cases: [(input: String, output: String)] = [
        // a Basic credential's `=` padding, then the `","` that closes the JSON string
        (#"{"msg":"proxy -> backend Authorization: Basic YWRtaW46a3JWNGYjOEUyeTYyTWE=","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}"#,
         #"{"msg":"proxy -> backend Authorization: Basic ***","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}"#),
        // a JSON line escaped inside another's string
        (#"{"raw":"{\"msg\":\"psql --host=db --username=ops --password=j5J-DfBloo-4xl\",\"caller\":\"x.go:88\"}"}"#,
         #"{"raw":"{\"msg\":\"psql --host=db --username=ops --password=***\",\"caller\":\"x.go:88\"}"}"#),
        (#"text {\"msg\":\"connect --password=j5J-DfBloo-4xl\",\"caller\":\"x.go:88\"}"#,
         #"text {\"msg\":\"connect --password=***\",\"caller\":\"x.go:88\"}"#),
        // a stack trace after the message in a JSON string
        (#"{"full_message":"psql --host=db --password=j5J-DfBloo-4xl\n\tat com.acme.api.Client.call(Client.java:77)","level":3}"#,
         #"{"full_message":"psql --host=db --password=***\n\tat com.acme.api.Client.call(Client.java:77)","level":3}"#),
        // Windows event XML: the next Data element stays
        (#"<Data Name="CommandLine">DB_PASSWORD=Xk29sLq8PzT4wN</Data><Data Name="User">CORP\svc-build</Data>"#,
         #"<Data Name="CommandLine">DB_PASSWORD=***</Data><Data Name="User">CORP\svc-build</Data>"#),
        // a percent-encoded query parameter, then the next one
        ("GET /s?q=psql%20--password%3Dj5J-DfBloo-4xl&page=1 HTTP/1.1", "GET /s?q=psql%20--password%3D***&page=1 HTTP/1.1"),
        ("GET /search?q=Cookie%3A%20session%3DhQxpM8bIop15Lr2ILey1qzzOGsHDhfSjcGtFCubwwb-%3B%20theme%3Ddark&page=1 HTTP/1.1",
         "GET /search?q=Cookie%3A%20***&page=1 HTTP/1.1"),
    ]

    @Test(arguments: cases)
    func theSecretIsMaskedAndTheFieldAfterItStays(_ sample: (input: String, output: String)) {
        #expect(TestSupport.redact(sample.input + "\n", with: TestSupport.builtin) == sample.output + "\n")
        #expect(TestSupport.redact(sample.output + "\n", with: TestSupport.builtin) == sample.output + "\n")
    }

    /// A key file's lines joined by `\n` escapes in a JSON string go on over the escapes (its
    /// lines start with key bytes, not with an indent).
    @Test func aKeyFileInAJSONStringIsMaskedWhole() {
        let key = #"{"content":"-----BEGIN OpenVPN Static key V1-----\n6b1f0c9a8e7d6c5b4a39281706f5e4d3\n0a1b2c3d4e5f60718293a4b5c6d7e8f9\n-----END OpenVPN Static key V1-----\n"}"#
        let output = TestSupport.redact(key + "\n", with: TestSupport.builtin)
        #expect(!output.contains("6b1f0c9a") && !output.contains("0a1b2c3d"))
    }

    @Test func theFieldEndIsFoundInTheLine() {
        func end(_ line: String, _ start: Int) -> Int {
            let bytes = Array(line.utf8)
            return bytes.withUnsafeBytes { CompiledRuleSet.endInsideEnclosingField($0, start: start, end: bytes.count) }
        }
        #expect(end(#"x=abc\",\"y\":1"#, 2) == 5)
        #expect(end(#"x=ab\"cd more"#, 2) == 13)  // no JSON structure after the quote
        #expect(end(#"u=\"admin\", realm=\"x\" ok"#, 2) == 27)  // a quoted Digest parameter, then the next
        #expect(end("q%3Dabc&page=1", 4) == 7)
        #expect(end("q=abc&page=1", 2) == 12)  // not percent-encoded: `&` may be the value's
        #expect(end("abc</Data>", 0) == 3)
        #expect(end("abc</ not a tag", 0) == 15)
        #expect(end(#"abc\ndef"#, 0) == 8)      // no JSON key before it, no indent after it
    }
}
