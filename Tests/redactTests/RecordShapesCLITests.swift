import Foundation
import Testing

/// Log shapes end to end (issue 9): container and journald records, JSON inside JSON, CRI partial
/// lines; the filter masks them and `--check` reports what the filter masks.
@Suite struct RecordShapesCLITests {
    static let token = "ghp_" + "Kq7Vn2Lx9Pz4Rt6Wm8Yb3Hc5Jd1Fg0Se2Ua"
    static let body = ["MIIEpAIBAAKCAQEAv5sT2mYkQ8c1Xz3nL0pR7wJ4hK9dF6gB2aE8uT5yN1qM3oW0",
                       "xC7vZ2bN4mQ9lK1jH8gF5dS3aP0oI6uY7tR2eW4qX9zC1vB5nM8lK3jH0gF2dS6a"]

    static func shapes() -> [(name: String, input: String, secrets: [String], kept: [String])] {
        let docker = (["-----BEGIN RSA PRIVATE KEY-----"] + body + ["-----END RSA PRIVATE KEY-----", "worker ready"]).map {
            #"{"log":"\#($0)\n","stream":"stderr","time":"2026-11-30T10:11:12.000000001Z"}"#
        }
        let bytes = Array("auth ok token=\(token)".utf8).map(String.init).joined(separator: ",")
        let cut = token.index(token.startIndex, offsetBy: 15)
        return [
            ("docker key block", docker.joined(separator: "\n") + "\n", body, ["worker ready", "-----END RSA PRIVATE KEY-----"]),
            ("journald byte array", #"{"_SYSTEMD_UNIT":"api.service","MESSAGE":[\#(bytes)]}"# + "\n", [bytes], ["api.service"]),
            ("double-escaped JSON",
             #"{"body":"{\"req\":\"{\\\"client_secret\\\":\\\"Xq4-Vb8Lm2Zr7Kp1\\\"}\"}"}"# + "\n", ["Xq4-Vb8Lm2Zr7Kp1"], ["client_secret"]),
            ("escaped slashes", #"{"dsn":"postgres:\/\/app:Ab9Zk2Lm7Qx4@db.internal:5432\/shop"}"# + "\n",
             ["Ab9Zk2Lm7Qx4"], ["db.internal:5432", "postgres:"]),
            ("CRI partial line", "2026-11-30T10:11:12.000000001Z stdout P calling api with token=\(token[..<cut])\n"
                + "2026-11-30T10:11:12.000000002Z stdout F \(token[cut...]) status=200\n",
             [String(token[..<cut]), String(token[cut...])], ["status=200", "stdout P calling api with token="]),
            ("sensitive JSON key", #"{"user":"ana","session_id":"tiny-value-1"}"# + "\n", ["tiny-value-1"], [#""user":"ana""#]),
        ]
    }

    @Test(arguments: shapes().map(\.name))
    func everyShapeIsMaskedKeptAndReported(_ name: String) throws {
        let shape = try #require(Self.shapes().first { $0.name == name })
        let result = try BinaryUnderTest.run([], input: Data(shape.input.utf8))
        #expect(result.status == 0)
        let output = result.stdoutText
        for secret in shape.secrets { #expect(!output.contains(secret), "\(name): a secret survived") }
        for context in shape.kept { #expect(output.contains(context), "\(name): lost \(context)") }
        #expect(output.filter { $0 == "\n" }.count == shape.input.filter { $0 == "\n" }.count)
        // Redacting the output again changes nothing.
        let again = try BinaryUnderTest.run([], input: result.stdout)
        #expect(again.stdout == result.stdout)
        // --check finds what the filter masks, and never prints it.
        let check = try BinaryUnderTest.run(["--check"], input: Data(shape.input.utf8))
        #expect(check.status == 1, "\(name): --check found nothing")
        for secret in shape.secrets { #expect(!check.stdoutText.contains(secret) && !check.stderrText.contains(secret)) }
    }

    @Test func parseTextTurnsTheRecordLayerOff() throws {
        let input = #"{"user":"ana","session_id":"tiny-value-1"}"# + "\n"
        let result = try BinaryUnderTest.run(["--parse", "text"], input: Data(input.utf8))
        #expect(result.stdoutText == input)
        let bad = try BinaryUnderTest.run(["--parse", "yaml"], input: Data(input.utf8))
        #expect(bad.status == 2)
    }
}
