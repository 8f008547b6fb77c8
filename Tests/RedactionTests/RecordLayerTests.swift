import Foundation
import Testing
@testable import Redaction

/// The record layer (issue 9 item 1): JSON records, Docker json-file and journald export records.
@Suite struct RecordLayerTests {
    static let set = TestSupport.builtin
    static let token = "ghp_" + "R4nd0mT0k3nV4lu3F0rT3st1ngXyZ9876543"

    static func redact(_ text: String, format: RecordFormat = .auto) -> String {
        var configuration = RedactionConfiguration()
        configuration.recordFormat = format
        return TestSupport.redact(text, with: set, configuration: configuration)
    }

    static func isValidJSON(_ line: Substring) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil
    }

    /// A private key logged as one Docker or journald record (its newlines escaped in the message)
    /// is masked whole: decoded, the message holds real newlines between the body lines, and
    /// every body line goes (before, the lines after the first leaked).
    @Test func aPrivateKeyInOneContainerRecordIsMaskedWhole() {
        let body = ["MIIEpAIBAAKCAQEAbptjJ38fR98Qdv8vsh60Qu9l2QeX+KOTpXU6FUyqKzkouxH7",
                    "xMlM16DYdCNTgMozRUXeQbcN3A/EPyMPCtjVpJSRqPlF+uOWwWco3guHY57Y/KIN",
                    "GbLEqcL8IvyKGTSGKeIaGWwQuKYtVSPj"]
        let key = "-----BEGIN RSA PRIVATE KEY-----\\n" + body.joined(separator: "\\n") + "\\n-----END RSA PRIVATE KEY-----"
        for line in [#"{"log":""# + key + #"\n","stream":"stderr","time":"2024-05-01T10:00:00.000000000Z"}"#,
                     #"{"_PID":"1","MESSAGE":"writing /etc/app/key:\n"# + key + #"","_SYSTEMD_UNIT":"app.service"}"#] {
            let output = Self.redact(line + "\n")
            for part in body { #expect(!output.contains(part), "\(part.prefix(8))... survives") }
            #expect(output.contains("-----BEGIN RSA PRIVATE KEY-----") && output.contains("-----END RSA PRIVATE KEY-----"))
            #expect(Self.isValidJSON(output.dropLast()))
        }
    }

    /// An `Authorization` value that is a scheme and a placeholder stays (`"Bearer {{token}}"`,
    /// `"Basic <credentials>"`, `"Bearer xxx"`), as does a short number under a session key; a
    /// scheme with a credential is masked.
    @Test func placeholdersAfterAnAuthorizationSchemeStay() {
        for value in ["Bearer {{token}}", "Basic <credentials>", "Bearer <YOUR_TOKEN>", "Bearer ${TOKEN}", "Bearer [FILTERED]", "Bearer xxx"] {
            let line = #"{"headers":{"Authorization":""# + value + #""},"status":401}"#
            #expect(Self.redact(line + "\n") == line + "\n", "\(value)")
        }
        #expect(Self.redact(#"{"event":"scan","session_id":"6562"}"# + "\n") == #"{"event":"scan","session_id":"6562"}"# + "\n")
        let secret = #"{"headers":{"Authorization":"Bearer q7PLz9wRt2Ns4Kd8Vb1Rc9Xy"}}"#
        #expect(!Self.redact(secret + "\n").contains("q7PLz9wRt2Ns4Kd8Vb1Rc9Xy"))
        #expect(!Self.redact(#"{"session_id":"65629377120442188"}"# + "\n").contains("65629377120442188"))
    }

    @Test func escapedJSONInsideAStringIsDecodedAndScanned() {
        let secret = "Zq8xV3mN1pL6tR2w"
        let line = #"{"level":"info","body":"{\"client\":\"web\",\"client_secret\":\"\#(secret)\"}"}"#
        let output = Self.redact(line + "\n")
        #expect(!output.contains(secret))
        #expect(output.contains(#"\"client\":\"web\""#))
        #expect(Self.isValidJSON(output.dropLast()))
    }

    @Test func doubleEscapedJSONIsWalked() {
        let secret = "Pw-7f3K9x2Lq"
        let inner = #"{\\\"password\\\":\\\"\#(secret)\\\"}"#
        let line = #"{"event":"relay","payload":"{\"inner\":\"\#(inner)\"}"}"#
        let output = Self.redact(line + "\n")
        #expect(!output.contains(secret), "\(output)")
        #expect(Self.isValidJSON(output.dropLast()))
    }

    @Test func unicodeAndSlashEscapesHideNothing() {
        // `\/` and `\u0040` inside the URL: the decoded text is https://admin:pw@host/path.
        let line = #"{"url":"https:\/\/admin:S3cretPassw0rd\u0040db.internal\/orders","ok":true}"# + "\n"
        let output = Self.redact(line)
        #expect(!output.contains("S3cretPassw0rd"), "\(output)")
        #expect(output.contains("db.internal"))
        #expect(Self.isValidJSON(output.dropLast()))
    }

    /// A container's JSON line inside its runtime's envelope is the record it is: the same values
    /// are masked as in the line unwrapped (a passphrase under `api_key` that the text rules,
    /// which want a random-looking value, would keep).
    @Test func containerEnvelopesOfJSONLinesAreRecords() {
        let inner = #"{"level":"debug","api_key":"violet-dolphin-thunder-40","user":"ana"}"#
        let cri = "2024-10-02T07:49:31.123456789Z stdout F " + inner + "\n"
        let criOutput = Self.redact(cri)
        #expect(!criOutput.contains("violet-dolphin-thunder-40"), "\(criOutput)")
        #expect(criOutput.hasPrefix("2024-10-02T07:49:31.123456789Z stdout F {"))
        #expect(criOutput.contains(#""user":"ana""#))
        #expect(Self.isValidJSON(criOutput.dropLast().dropFirst(40)))
        #expect(Self.redact(criOutput) == criOutput)

        let docker = #"{"log":"{\"level\":\"debug\",\"body\":{\"token\":\"lantern-thunder-walnut-05\"}}\n","stream":"stdout","time":"2024-01-01T00:00:00Z"}"# + "\n"
        let dockerOutput = Self.redact(docker)
        #expect(!dockerOutput.contains("lantern-thunder-walnut-05"), "\(dockerOutput)")
        #expect(dockerOutput.contains(#""stream":"stdout""#))
        #expect(Self.isValidJSON(dockerOutput.dropLast()))
        #expect(Self.redact(dockerOutput) == dockerOutput)

        let journald = #"{"MESSAGE":"{\"password\":\"walnut-mango-badger-35\"}","_PID":"1"}"# + "\n"
        #expect(!Self.redact(journald).contains("walnut-mango-badger-35"))

        // Plain text mode reads no envelope; a JSON object after any other prefix stays text
        // (its word under `x-session-id` is no secret the text rules see).
        #expect(Self.redact(cri, format: .text).contains("violet-dolphin-thunder-40"))
        let prefixed = #"grpc: INFO stream opened metadata={"x-session-id":"anonymous","x-request-id":"9b3d7e1f"}"# + "\n"
        #expect(Self.redact(prefixed) == prefixed)
    }

    @Test func valuesUnderSensitiveKeysAreMaskedWhole() {
        let output = Self.redact(#"{"user":"ana","session_id":"plainword","password_reset":"requested","token_type":"Bearer"}"# + "\n")
        #expect(!output.contains("plainword"))
        #expect(output.contains(#""password_reset":"requested""#))
        #expect(output.contains(#""token_type":"Bearer""#))
        #expect(output.contains(#""user":"ana""#))
    }

    /// Idempotency and cursor ids under token-like names, and outcome words under sensitive
    /// names, are not secrets; real values under the same kinds of names still are.
    @Test func cursorIdsAndOutcomeWordsUnderSensitiveKeysStay() {
        let kept = #"{"eventName":"RunInstances","requestParameters":{"clientToken":"3f0c5d2a-7b1e-4c9a-8e6f-1d2b3c4d5e6f"},"# +
            #""sequenceToken":"49590338271490256608559692538361571095921575989136588898","authorization":"denied","# +
            #""credentials":"same-origin","fetch":{"credentials":"include"}}"# + "\n"
        #expect(Self.redact(kept) == kept)
        let masked = Self.redact(#"{"client_secret":"Xq7vL2pR9tZ4","refresh_token":"denied-Zq8xW2mL5nR7tY1v","password":"hunter2"}"# + "\n")
        #expect(!masked.contains("Xq7vL2pR9tZ4"))
        #expect(!masked.contains("Zq8xW2mL5nR7tY1v"))
        #expect(!masked.contains("hunter2"))
    }

    /// A change log's position (`changeToken`), anti-forgery settings and a cookie's prefixed
    /// name are left to the rules, which keep them; a cookie's value under the same key, and a
    /// session cookie's value, are still masked.
    @Test func changeTokensAntiForgeryKeysAndCookieNamesStay() {
        let kept = #"{"msg":"list sync","changeToken":"1;3;0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d;638771234567891111;77","# +
            #""csrf_cookie":"__Host-csrf","session_cookie":"__Secure-sid"}"# + "\n"
        #expect(Self.redact(kept) == kept)
        let masked = Self.redact(#"{"session_cookie":"__Host-sid=Zq8xW2mL5nR7tY1vK3pC","auth_cookie":"Wq7Rk2Lx9Tn4Vb8Zs3Hc"}"# + "\n")
        #expect(!masked.contains("Zq8xW2mL5nR7tY1vK3pC"))
        #expect(!masked.contains("Wq7Rk2Lx9Tn4Vb8Zs3Hc"))
    }

    /// A digest under a `hashed_` name (a detect-secrets baseline) and what `kubectl apply` or
    /// Flux did to an object whose name ends in a secret word are not secrets; a random value
    /// under a plain secret name beside them still is.
    @Test func hashedSecretsAndApplyOutcomesStay() {
        let kept = #"{"type":"Secret Keyword","hashed_secret":"3c9d8f1e2a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d","# +
            #""line_number":14,"Secret/payments/ledger-db-credentials":"unchanged","# +
            #""Secret/ops/registry-credentials":"configured"}"# + "\n"
        #expect(Self.redact(kept) == kept)
        let masked = Self.redact(#"{"hashed_secret":"3c9d8f1e2a7b","client_secret":"Xq7vL2pR9tZ4Wn1K"}"# + "\n")
        #expect(masked.contains("3c9d8f1e2a7b"))
        #expect(!masked.contains("Xq7vL2pR9tZ4Wn1K"))
    }

    /// Under secret and token names, a value made of lower-case names joined by `/` or `:` names
    /// a secret (a Secrets Manager id, an OIDC subject) and Vault's `hmac-sha256:` values are
    /// keyed hashes: both stay. Under password names a name-like value is still masked, and so
    /// is a random value under the same secret name.
    @Test func secretNamesRequestIdsAndKeyedHashesUnderSensitiveKeysStay() {
        let kept = #"{"eventName":"RotateSecret","requestParameters":{"secretId":"prod/db","clientRequestToken":"# +
            #""7d2c4a9e-1b3f-4e6a-9c8d-2f1e0a9b8c7d"},"secret":"prod/payments/stripe","# +
            #""subjectFromWebIdentityToken":"repo:acme/web:ref:refs/heads/main","# +
            #""auth":{"client_token":"hmac-sha256:48405994f1cf750f59db86bfb0aa5364"},"# +
            #""data":{"password":"hmac-sha256:b9e77df7c3a1d2f40e5b6c7d8e9f0a1b"}}"# + "\n"
        #expect(Self.redact(kept) == kept)
        let masked = Self.redact(#"{"password":"correct/horse/battery","secret":"Zq8xW2mL5nR7tY1vK3pC"}"# + "\n")
        #expect(!masked.contains("correct/horse/battery"))
        #expect(!masked.contains("Zq8xW2mL5nR7tY1vK3pC"))
        // A single lower-case name under a secret-name key names a Kubernetes Secret's key; under
        // a session id it is still masked.
        let named = #"{"kind":"ExternalSecret","data":[{"secretKey":"db-password","remoteRef":{"key":"prod/db"}}]}"# + "\n"
        #expect(Self.redact(named) == named)
        #expect(!Self.redact(#"{"session_id":"plainword"}"# + "\n").contains("plainword"))
    }

    @Test func dockerRecordsCarryAKeyBlockAcrossRecords() {
        let body = FailClosedTests.keyBody
        let records = ["-----BEGIN RSA PRIVATE KEY-----\\n", body[0] + "\\n", body[1] + "\\n",
                       "-----END RSA PRIVATE KEY-----\\n", "server started\\n"].map {
            #"{"log":"\#($0)","stream":"stderr","time":"2024-05-01T10:00:00.000000001Z"}"#
        }
        let output = Self.redact(records.joined(separator: "\n") + "\n")
        for line in body { #expect(!output.contains(line.prefix(16))) }
        let lines = output.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[1] == #"{"log":"***\n","stream":"stderr","time":"2024-05-01T10:00:00.000000001Z"}"#)
        #expect(lines[4].contains("server started"))
        for line in lines { #expect(Self.isValidJSON(line)) }
    }

    @Test func journaldByteArrayMessagesAreDecodedAndWrittenBackAsBytes() {
        let message = "login ok token=\(Self.token)"
        let bytes = Array(message.utf8).map(String.init).joined(separator: ",")
        let line = #"{"__CURSOR":"s=1","_SYSTEMD_UNIT":"api.service","MESSAGE":[\#(bytes)],"PRIORITY":"6"}"#
        let output = Self.redact(line + "\n")
        #expect(!output.contains(bytes))
        #expect(Self.isValidJSON(output.dropLast()))
        let object = try? JSONSerialization.jsonObject(with: Data(output.dropLast().utf8)) as? [String: Any]
        let decoded = (object?["MESSAGE"] as? [Int]).map { String(decoding: $0.map(UInt8.init), as: UTF8.self) }
        #expect(decoded?.hasPrefix("login ok token=") == true)
        #expect(decoded?.contains(Self.token) == false)
    }

    @Test func badJSONIsText() {
        let line = #"{"token": "\#(Self.token)" trailing"# + "\n"
        let output = Self.redact(line)
        #expect(!output.contains(Self.token))
        #expect(output.hasSuffix(" trailing\n"))
    }

    @Test func textModeDoesNotReadRecords() {
        let line = #"{"session_id":"plainword"}"# + "\n"
        #expect(Self.redact(line, format: .text) == line)
        #expect(Self.redact(line, format: .auto) != line)
    }

    @Test func cleanRecordsAreByteIdentical() {
        let lines = [
            #"{"ts":"2024-05-01T10:00:00Z","level":"info","msg":"GET /v1/orders 200","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}"#,
            #"{"log":"listening on :8080\n","stream":"stdout","time":"2024-05-01T10:00:00Z"}"#,
            #"{"a":[1,2,3],"b":{"c":null,"d":"x\"y\\z\u00e9"},"e":1.5e3}"#,
            #"{"MESSAGE":[104,105],"_PID":"12"}"#,
        ]
        let input = lines.joined(separator: "\n") + "\n"
        #expect(Self.redact(input) == input)
    }

    @Test func recordsAreStableWhenRedactedAgain() {
        let line = #"{"log":"password=hunter2-xyz token=\#(Self.token)\n","stream":"stdout"}"# + "\n"
        let once = Self.redact(line)
        #expect(once != line)
        #expect(Self.redact(once) == once)
    }

    @Test func parserRefusesWhatIsNotOneObject() {
        func parses(_ text: String) -> Bool {
            var entries: [JSONRecordEntry] = []
            return Array(text.utf8).withUnsafeBytes { JSONRecordParser.parse($0, into: &entries) }
        }
        #expect(parses(#"{"a":"b"}"#))
        #expect(parses(#"  {"a":[1,{"b":"c"}],"d":true}  "#))
        #expect(!parses(#"{"a":"b"} x"#))
        #expect(!parses(#"{"a":"b""#))
        #expect(!parses(#"["a"]"#))
        #expect(!parses(#"{"a":tru}"#))
        #expect(!parses(String(repeating: "{\"a\":", count: 40) + "1" + String(repeating: "}", count: 40)))
    }
}
