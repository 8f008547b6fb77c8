import Foundation
import Testing

/// End-to-end tests of the value decoders with the built binary: each encoded shape is masked with
/// its context kept, look-alikes pass unchanged, and `--check` reports exactly the lines the
/// filter changes. All samples are made up for these tests.
@Suite(.serialized) struct DecoderCLITests {
    static func b64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    /// (input line, expected output line) for every shape.
    static let shapes: [(String, String)] = [
        // Percent-encoded key and value in a URL's query.
        ("GET /sso/start?continue=%2Fbilling%3Fpassword%3DUw3-Kz8-Pd1%26view%3Dfull HTTP/1.1",
         "GET /sso/start?continue=%2Fbilling%3Fpassword%3D***%26view%3Dfull HTTP/1.1"),
        // Percent-encoded form body.
        ("POST /forward payload=user%3Dnika%26passwd%3DRf5-Tg2-Yh8%26remember%3D1",
         "POST /forward payload=user%3Dnika%26passwd%3D***%26remember%3D1"),
        // Access token inside an encoded redirect_uri.
        ("oauth redirect_uri=https%3A%2F%2Fapp.example.org%2Fland%3Faccess_token%3Dya29.b0Kq8Lm2Xv7Rt1Wn5Zs9Bc3Yp6Hf0JgQ%26x%3D1 status=302",
         "oauth redirect_uri=https%3A%2F%2Fapp.example.org%2Fland%3Faccess_token%3D***%26x%3D1 status=302"),
        // %40 in the userinfo of a URL passed encoded as a parameter (so its %40 became %2540).
        ("mirror=https%3A%2F%2Fci%2540corp.example%3AQm7%2540Wx2-Lp%40git.example.org%2Frepo.git",
         "mirror=https%3A%2F%2Fci%2540corp.example%3A***%40git.example.org%2Frepo.git"),
        // Basic credentials outside an Authorization header.
        ("sidecar upstream_auth=\"Basic " + b64("scraper:Ty6-Vb3-Nm9") + "\" interval=15s",
         "sidecar upstream_auth=\"Basic ***\" interval=15s"),
        // Docker config.
        (#"{"auths":{"registry.example.io":{"auth":""# + b64("pusher:Ga8-Hs2-Jd5") + #""}}}"#,
         #"{"auths":{"registry.example.io":{"auth":"***"}}}"#),
        // A *_B64 environment variable.
        ("env REDIS_PASSWORD_B64=" + b64("Lk4-Mn7-Bv2-Cx") + " started", "env REDIS_PASSWORD_B64=*** started"),
        // Kubernetes Secret data under a sensitive key.
        ("  db-password: " + b64("Po9-Iu6-Yt3"), "  db-password: ***"),
        ("  ssh-privatekey: " + b64("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n"),
         "  ssh-privatekey: ***"),
        // A Python bytes literal in a header dict.
        ("sent headers={'X-Api-Token': b'5e0c9a2d7f4b1e8c3a6d9f2b7e4c1a8d', 'Accept': b'*/*'}",
         "sent headers={'X-Api-Token': b'***', 'Accept': b'*/*'}"),
    ]

    /// Over-masking twins: nothing to mask.
    static let twins: [String] = [
        "GET /docs?path=%2Fguides%2Finstall%3Fos%3Dlinux&lang=en HTTP/1.1",
        "https://auth.example.org/authorize?client_id=cli&redirect_uri=https%3A%2F%2Flocalhost%3A8080%2Fcb&state=s8d7f6",
        "NOTICE Basic plan includes 3 seats",
        "NOTES_B64=" + b64("just some words"),
        "  username: " + b64("backup-operator"),
        "ICON_B64=iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
        "payload=[b'ping', b'pong']",
    ]

    static var input: String { (shapes.map(\.0) + twins).joined(separator: "\n") + "\n" }

    @Test func everyShapeIsMaskedWithItsContextKept() throws {
        let result = try BinaryUnderTest.run([], input: Data(Self.input.utf8))
        #expect(result.status == 0)
        let lines = result.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let expected = Self.shapes.map(\.1) + Self.twins + [""]
        #expect(lines.count == expected.count)
        for (line, want) in zip(lines, expected) { #expect(line == want) }
        // Redacting the output again changes nothing.
        #expect(try BinaryUnderTest.run([], input: result.stdout).stdout == result.stdout)
    }

    @Test func checkReportsTheLinesTheFilterMasks() throws {
        let result = try BinaryUnderTest.run(["--check", "--format", "json"], input: Data(Self.input.utf8))
        #expect(result.status == 1)
        let findings = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]])
        let reported = Set(findings.compactMap { $0["line"] as? Int })
        #expect(reported == Set(1...Self.shapes.count))
        // Each finding covers the bytes the filter replaced, and the report quotes none of them.
        let inputLines = Self.shapes.map(\.0)
        for finding in findings {
            let line = try #require(finding["line"] as? Int)
            let column = try #require(finding["column"] as? Int)
            let length = try #require(finding["length"] as? Int)
            let bytes = Array(inputLines[line - 1].utf8)
            try #require(column - 1 + length <= bytes.count)
            let secret = String(decoding: bytes[(column - 1)..<(column - 1 + length)], as: UTF8.self)
            #expect(!Self.shapes[line - 1].1.contains(secret), "line \(line): the reported bytes survive the filter")
            #expect(!result.stdoutText.contains(secret) && !result.stderrText.contains(secret))
        }
    }

    @Test func twinsAloneAreClean() throws {
        let input = Data((Self.twins.joined(separator: "\n") + "\n").utf8)
        let check = try BinaryUnderTest.run(["--check"], input: input)
        #expect(check.status == 0 && check.stdout.isEmpty)
        #expect(try BinaryUnderTest.run([], input: input).stdout == input)
    }

    @Test func typedPlaceholdersNameTheRule() throws {
        let line = "sidecar upstream_auth=\"Basic " + Self.b64("scraper:Ty6-Vb3-Nm9") + "\"\n"
        let result = try BinaryUnderTest.run(["--replace", "[REDACTED:{rule}]"], input: Data(line.utf8))
        #expect(result.stdoutText == "sidecar upstream_auth=\"Basic [REDACTED:encoded-credentials]\"\n")
        let disabled = try BinaryUnderTest.run(["--disable", "encoded-credentials"], input: Data(line.utf8))
        #expect(disabled.stdoutText == line)
    }
}
