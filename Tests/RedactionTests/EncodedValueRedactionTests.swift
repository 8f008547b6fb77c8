import Foundation
import Testing
@testable import Redaction

/// The value decoders through the whole engine (built-in rules): secrets behind percent-encoding,
/// base64 in credential contexts and Python bytes literals are masked, their context is kept,
/// and look-alikes stay byte-identical. All samples are made up for these tests.
@Suite struct EncodedValueRedactionTests {
    static func b64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
    static func hex(_ text: String, upper: Bool = false) -> String {
        text.utf8.map { String(format: upper ? "%02X" : "%02x", $0) }.joined()
    }
    static func pct(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"))!
    }
    static func redact(_ line: String, with set: CompiledRuleSet = TestSupport.builtin) -> String {
        TestSupport.redact(line + "\n", with: set).dropLast().description
    }

    /// (input, expected output): each secret masked, everything around it kept.
    static let masked: [(String, String)] = [
        // Percent-encoded form bodies and nested URLs: only the value's escapes are masked.
        ("POST /oauth/token body=grant_type%3Dpassword%26username%3Dmara%26password%3DTz6-Wq9-Lk3",
         "POST /oauth/token body=grant_type%3Dpassword%26username%3Dmara%26password%3D***"),
        ("302 Location: /signin?return_to=%2Faccount%3Fpasswd%3DRw2-Hy7-Qs5%26tab%3Dsec",
         "302 Location: /signin?return_to=%2Faccount%3Fpasswd%3D***%26tab%3Dsec"),
        ("cb=" + pct("https://shop.example.net/done?access_token=ya29.c0Ab_Kq8Lm2Xv7Rt1Wn5Zs9Bc3Yp6Hf0JgQ&ok=1"),
         "cb=https%3A%2F%2Fshop.example.net%2Fdone%3Faccess_token%3D***%26ok%3D1"),
        ("dsn=" + pct("postgres://billing:Ke8-Wn3-Zp6@db.internal:5432/billing"),
         "dsn=postgres%3A%2F%2Fbilling%3A***%40db.internal%3A5432%2Fbilling"),
        ("msg=" + pct(#"{"user":"lin","password":"Qa4-Ze7-Mx1"}"#),
         "msg=%7B%22user%22%3A%22lin%22%2C%22password%22%3A%22***%22%7D"),
        // `\u00XX` escapes of ASCII in a text line (not a JSON record): a token glued to `\u0022`,
        // a token's prefix split by an escape; the escapes around the secret stay.
        (#"access_key_id = \u0022AKIAGAYUCZYMYGGOBIOF\u0022"#, #"access_key_id = \u0022***\u0022"#),
        (#"token: \u0022ghp\u005fVgKggEiXfElqYCb0Lq2Wn8Zs4Xv9Tm3Rd6Kb\u0022 (cli)"#, #"token: \u0022***\u0022 (cli)"#),
        // a link whose slashes a JSON encoder escaped (PHP's json_encode in a Monolog context): the
        // path's keyword appears once `\/` is decoded; the escapes stay
        (#"[2026-12-03 07:10:11] app.DEBUG: Link generated {"url":"https:\/\/app.example.com\/magic\/Vq3mZ8xL2nR7tY1wK5pC9dF4"} []"#,
         #"[2026-12-03 07:10:11] app.DEBUG: Link generated {"url":"https:\/\/app.example.com\/magic\/***"} []"#),
        (#"notify {"hook":"https:\/\/hooks.slack.com\/services\/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"} []"#,
         #"notify {"hook":"https:\/\/hooks.slack.com\/services\/***"} []"#),
        // `\xXX` escapes: nginx's `\x22` around a logged JSON body's keys and values, a bytes repr's
        // `\x3d` gluing a token to its key; the escapes stay.
        (#"10.0.4.7 - - "POST /oauth/token HTTP/1.1" 200 rb="{\x22client_id\x22:\x22web\x22,\x22client_secret\x22:\x22Kq8Lw2Vb4Nc6Xm1Ks7Zd3Pf5\x22}""#,
         #"10.0.4.7 - - "POST /oauth/token HTTP/1.1" 200 rb="{\x22client_id\x22:\x22web\x22,\x22client_secret\x22:\x22***\x22}""#),
        (#"DEBUG sent b'gitlab_token\x3dglpat-Lq8Wn2Zs4Tm6Xv9Rb1Kc\x26mode\x3dfull'"#,
         #"DEBUG sent b'gitlab_token\x3d***\x26mode\x3dfull'"#),
        // JSON escaped twice (a bytes repr of a JSON string that holds JSON, botocore's
        // `SecretString`): the value is masked and the `\\"` that closes it stays.
        (#"DEBUG Response body: b'{"SecretString":"{\\"username\\":\\"app\\",\\"password\\":\\"Wq7-Lk3-Tz6\\",\\"port\\":5432}"}'"#,
         #"DEBUG Response body: b'{"SecretString":"{\\"username\\":\\"app\\",\\"password\\":\\"***\\",\\"port\\":5432}"}'"#),
        // HTML character references: quotes and an arrow the rules key on, kept around the secret.
        ("repr: secret_access_key=&#x27;Wc7ktY0lGt7ltbt4IawAPOWtDlPDwl6csFDo6uoY&#x27;",
         "repr: secret_access_key=&#x27;***&#x27;"),
        ("&lt;pre&gt;[access_token] =&gt; 7JdEos7sczbZ3MU9mUAxfGkbd6qHb&lt;/pre&gt;",
         "&lt;pre&gt;[access_token] =&gt; ***&lt;/pre&gt;"),
        // Double percent-encoding (two decodings).
        ("next=" + pct(pct("/login?password=Kp9-Lq2Wx7")), "next=%252Flogin%253Fpassword%253D***"),
        // A secret in the clear inside an encoded URL: the escapes around it stay.
        ("u=%2Fx%3Fpassword%3DZt5-Lm2Qr", "u=%2Fx%3Fpassword%3D***"),
        // %40 in the userinfo of a raw URL.
        ("origin=https://ops%40corp.example:Nt5%40Lx8-Vb@repo.example.net/git",
         "origin=https://ops%40corp.example:***@repo.example.net/git"),
        // Base64 after the Basic scheme, wherever the header name is.
        ("proxy header X-Forwarded-Auth: Basic " + b64("edge-proxy:Yh4-Rt8-Mn2"), "proxy header X-Forwarded-Auth: Basic ***"),
        ("upstream auth=\"Basic " + b64("metrics:Pd2-Vn6-Kc8") + "\" timeout=5s", "upstream auth=\"Basic ***\" timeout=5s"),
        ("curl -H 'X-Upstream-Creds: basic " + b64("rk_live_51Hq8Lx2Tn7Vb4Km1:") + "' https://api.example.com",
         "curl -H 'X-Upstream-Creds: basic ***' https://api.example.com"),
        // Docker config auth fields.
        (#"{"auths":{"quay.example":{"auth":""# + b64("svc_pull:Fd7-Kq2-Xw9") + #""}}}"#,
         #"{"auths":{"quay.example":{"auth":"***"}}}"#),
        ("registry basic_auth=" + b64("puller:Hb3-Js8-Ln4") + " ok", "registry basic_auth=*** ok"),
        // Keys ending in _B64 / _BASE64: the decoded value is read under the key's stem.
        ("SMTP_PASSWORD_BASE64=" + b64("Jm3-Zp8-Rq1-Tv"), "SMTP_PASSWORD_BASE64=***"),
        ("export GH_TOKEN_B64=" + b64("ghp_Zq8xW2mL5nR7tY1vK3pCa9Hd4Jf6Gs0Bb2Nn"), "export GH_TOKEN_B64=***"),
        ("creds_b64: " + b64("relay:Ws4-Xc7-Vb1"), "creds_b64: ***"),
        // A service-account key file (JSON holding a PEM key) under a *_B64 key.
        ("GCP_SA_KEY_B64=" + b64(#"{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7Kq9Lm2Xv7Rt1Wn5Zs9Bc3Yp6\n-----END PRIVATE KEY-----\n","client_email":"ci@demo.iam.example"}"#),
         "GCP_SA_KEY_B64=***"),
        // An INI-style auth field (.npmrc).
        ("npmrc: _auth = " + b64("npm-bot:Qw3-Er5-Ty7"), "npmrc: _auth = ***"),
        // Kubernetes Secret data under sensitive keys.
        ("  tls.key: " + b64("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBx7Kq9Lm2Xv7Rt1Wn5Zs9Bc3Yp6Hf0JgQ8sT4vW6xYoAoGCCqGSM49\n-----END EC PRIVATE KEY-----\n"),
         "  tls.key: ***"),
        ("  .dockerconfigjson: " + b64(#"{"auths":{"ghcr.example":{"auth":""# + b64("bot:Lq9-Wx2-Ct6") + #""}}}"#),
         "  .dockerconfigjson: ***"),
        ("  api-token: " + b64("glpat-Vb4Km1Rz9Wc3Yd6Fs0Ga"), "  api-token: ***"),
        // Percent-encoded, then base64 (two decodings).
        ("fwd=" + pct("auth=" + b64("relay:Ws4-Xc7-Vb1")), "fwd=auth%3D***"),
        ("h=" + pct("Authorization: Basic " + b64("svc:Mx4-kT9p-Lq2")), "h=Authorization%3A%20Basic%20***"),
        // Python bytes literals: the prefix and the quotes stay.
        ("req headers {'X-Session-Token': b'c41f0b7e2d84a6f93b5c1e07d2a8f64b', 'Host': b'api.internal'}",
         "req headers {'X-Session-Token': b'***', 'Host': b'api.internal'}"),
        ("kwargs={'password': b'Gh5-Nm8-Pq2', 'user': b'svc'}", "kwargs={'password': b'***', 'user': b'svc'}"),
        (#"{"Authorization": b"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI3In0.Qk9xLm2Tn4Vb8Rz1Wc5Yd3"}"#,
         #"{"Authorization": b"Bearer ***"}"#),
        ("{'auth': b'" + b64("mq-user:Zr5-Tq8-Wv1") + "'}", "{'auth': b'***'}"),
        // A base64 JSON object under a key that says nothing: decoded, the whole value masked.
        ("DEBUG decoded config blob: " + b64(#"{"user":"app","password":"Lq7-Wz2-Hn5","host":"db"}"#),
         "DEBUG decoded config blob: ***"),
        (#"{"level":"info","payload":""# + b64(#"{"token":"c9QLnuogE7FMcTGt43BJY9Imk9PX6Bns"}"#) + #""}"#,
         #"{"level":"info","payload":"***"}"#),
        ("DEBUG X-Config: " + b64(#"{"db": {"host": "cache", "password": "Lq7-Wz2-Hn5"}}"#), "DEBUG X-Config: ***"),
        // A URL whose scheme may carry credentials, base64 under any key (a Kubernetes Secret's data).
        ("  DATABASE_URL: " + b64("postgresql://app:Lq7-Wz2-Hn5@db.internal:5432/app"), "  DATABASE_URL: ***"),
        ("  BROKER: " + b64("amqps://svc:Zr5-Tq8-Wv1@mq.internal/prod"), "  BROKER: ***"),
        // A value the text labels as base64: a data: URI, a `(base64)` label.
        ("loader: fetching config from data:application/json;base64," + b64(#"{"type":"svc","token":"hvs.CAESIJq8Lm2Xv7Rt1Wn5Zs9Bc3Yp"}"#),
         "loader: fetching config from data:application/json;base64,***"),
        (#"{"src":"data:text/plain;charset=utf-8;base64,"# + b64("DB_PASSWORD=Lq7-Wz2-Hn5\nDB_USER=app") + #""}"#,
         #"{"src":"data:text/plain;charset=utf-8;base64,***"}"#),
        ("helm values (base64): " + b64("api:\n  url: https://data.example.com\n  api_key: 68d65db94510fa5cfe57238f889f8dec\n"),
         "helm values (base64): ***"),
        // A whole payload in hex: the run is masked when the text it encodes holds a secret.
        ("DEBUG payload=" + hex(#"{"user":"svc","password":"Qm7x-Lp2v9Tz"}"#) + " len=42", "DEBUG payload=*** len=42"),
        ("dump: 0x" + hex("token=Zq8xW2mL5nR7tY1vK3pC9dF4hJ6b", upper: true), "dump: 0x***"),
        ("wire " + hex("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI3In0.Qk9xLm2Tn4Vb8Rz1Wc5Yd3\r\n"), "wire ***"),
        ("db url " + hex("postgres://app:Sup3r-S3cret-9@db.internal:5432/app"), "db url ***"),
        // Quoted-printable escapes of a mail body logged raw: the escapes around the secret stay.
        // LDIF's base64 attribute value (`::`)
        ("userPassword:: " + b64("Marble?Willow11"), "userPassword:: ***"),
        // (the raw line's rules mask `3D` with the value; the decoder finds what they miss)
        ("smtp: body line: password=3DHunter2-xQ&user=3Dana", "smtp: body line: password=***&user=3Dana"),
        ("mime part: =22client_secret=22: =22Zq8xW2mL5nR7tY1vK3pC9dF4=22", "mime part: =22client_secret=22: =22***=22"),
    ]

    @Test(arguments: masked)
    func secretIsMaskedAndContextKept(_ input: String, _ expected: String) {
        #expect(Self.redact(input) == expected)
    }

    /// The built-in rules with typed placeholders (`[REDACTED:<rule id>]`).
    static let typed: CompiledRuleSet = {
        do {
            return try RuleSetBuilder().build(options: .init(replacement: try ReplacementTemplate("[REDACTED:{rule}]")))
        } catch { fatalError("built-in packs do not compile: \(error)") }
    }()

    @Test(arguments: masked)
    func maskedOutputIsStable(_ input: String, _ expected: String) {
        let once = Self.redact(input)
        #expect(Self.redact(once) == once)
        // Typed placeholders too: a placeholder is never decoded into a new finding.
        let typed = Self.typed
        let typedOnce = Self.redact(input, with: typed)
        #expect(typedOnce != input)
        #expect(Self.redact(typedOnce, with: typed) == typedOnce)
    }

    /// Look-alikes: nothing here hides a secret, so every line stays byte-identical.
    static let kept: [String] = [
        "GET /search?q=hello%20world%3A%20caf%C3%A9&lang=fr HTTP/1.1",
        "https://id.example.com/authorize?client_id=spa&redirect_uri=https%3A%2F%2Fspa.example.com%2Fcb&state=xyz123&scope=openid%20profile",
        "GET /files/report%202024%2FQ3.pdf?download=1 HTTP/2",
        "utm=" + pct("campaign=spring&source=newsletter"),
        "INFO Basic auth disabled; falling back to mTLS",
        "WARN Basic authentication is required for /admin",
        "WWW-Authenticate: Basic realm=\"ops\", charset=\"UTF-8\"",
        "X-Note: Basic " + b64("hello world"),
        "proxy: basic " + b64("release notes v2"),
        "NOTES_B64=" + b64("just some words"),
        "  username: " + b64("report-reader"),
        "  namespace: " + b64("payments-prod"),
        "  ca.crt: " + b64("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n"),
        "THUMB_B64=/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJCQ=",
        "avatar=data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
        "LABELS_B64=" + b64("team=core,tier=gold"),
        "SCHEDULE_B64=" + b64("12:30:00"),
        "HOME_B64=" + b64("https://example.com/start"),
        "b'just bytes' and b\"more\"",
        "Plan b's cost was 'high'",
        "2015-10-18 18:02:02,104 INFO Server: Auth successful for job_1445144423722_0020 (auth:SIMPLE)",
        "auth=Basic%20***",
        "password%3D***",
        "{'X-Session-Token': b'***'}",
        "progress 100% done, 50%3 left",
        "cache_key=" + b64("user:42:profile"),
        // Base64 JSON without a secret, and a JWT (dots: never one whole token).
        "DEBUG decoded config blob: " + b64(#"{"user":"app","role":"reader","host":"db"}"#),
        "state=" + b64(#"{"host":"shop.example.net","return_to":"/cart"}"#),
        "id_token_hint=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI3In0",
        "  DATABASE_URL: " + b64("postgresql://db.internal:5432/app?sslmode=require"),
        "return_to=" + b64("https://shop.example.net/cart?step=2"),
        "cfg data:text/plain;base64," + b64("Hello world, this is a plain note."),
        "payload (base64): " + b64("Hello world, this is a plain note."),
        "metadata: " + b64("plain words with data: inside"),
        #"msg=\u0022request done\u0022 status=200 path=\u0022/v1/orders\u0022"#,
        #"10.0.4.7 - - "POST /v1/orders HTTP/1.1" 201 rb="{\x22sku\x22:\x22A-1042\x22,\x22qty\x22:2}""#,
        #"[2026-12-03 07:10:11] app.INFO: Page {"url":"https:\/\/docs.example.com\/reset\/password-policy-overview"} []"#,
        "&lt;a href=&quot;/docs&quot; title=&#39;API key rotation&#39;&gt;docs&lt;/a&gt; &amp; more",
        // Hex that encodes text without a secret, and hex digests beside a trigger.
        "DEBUG payload=" + hex(#"{"user":"svc","password_changed":true,"token_count":12}"#) + " len=56",
        "frame " + hex("GET /oauth/authorize?client_id=spa&state=xyz HTTP/1.1"),
        "sha256=9f2c4e6a8f0d1c3e5a7b9d1f3e5c7a9b1d3f5e7a9c1b3d5f7e9a1c3b5d7f9e1a token=" + hex("token"),
        "mime: Content-Type: text/plain; charset=3Dutf-8; format=3Dflowed",
    ]

    @Test(arguments: kept)
    func lookAlikeIsKept(_ line: String) {
        #expect(Self.redact(line) == line)
    }

    /// Decoding stops after two levels: percent(percent(base64(user:password))) is three.
    @Test func decodingIsBoundedInDepth() {
        let two = "q=" + Self.pct("upstream=Basic " + Self.b64("svc:Mx4-kT9p-Lq2"))
        #expect(Self.redact(two) == "q=upstream%3DBasic%20***")
        let three = "q=" + Self.pct(Self.pct("upstream=Basic " + Self.b64("svc:Mx4-kT9p-Lq2")))
        #expect(Self.redact(three) == three)
    }

    /// A token longer than the limit is not decoded (the rules still see its raw bytes).
    @Test func decodingIsBoundedInBytes() {
        let secret = "%26password%3DVx8-Lq3-Zn6"
        let short = "q=" + String(repeating: "a", count: 1000) + secret
        #expect(Self.redact(short) == "q=" + String(repeating: "a", count: 1000) + "%26password%3D***")
        let long = "q=" + String(repeating: "a", count: DecodingLimits.maximumTokenBytes) + secret
        #expect(Self.redact(long) == long)
    }

    @Test func findingsNameTheRuleAndTheEncodedBytes() {
        let line = "X-Relay: Basic " + Self.b64("edge:Yh4-Rt8-Mn2") + " body=a%3D1%26password%3DTz6-Wq9\n"
        let redactor = StreamRedactor(ruleSet: TestSupport.builtin)
        var sink = ByteArraySink(collectFindings: true)
        Array(line.utf8).withUnsafeBytes { try! redactor.feed($0, into: &sink) }
        try! redactor.finish(into: &sink)
        let token = Self.b64("edge:Yh4-Rt8-Mn2")
        let tokenColumn = "X-Relay: Basic ".utf8.count + 1
        let secretColumn = line.utf8.count - "Tz6-Wq9\n".utf8.count + 1
        #expect(sink.findings.count == 2)
        #expect(sink.findings.first.map { [$0.ruleID, "\($0.column)", "\($0.length)"] }
                == ["encoded-credentials", "\(tokenColumn)", "\(token.utf8.count)"])
        #expect(sink.findings.last.map { ["\($0.column)", "\($0.length)"] } == ["\(secretColumn)", "7"])
        #expect(sink.findings.last.map { $0.ruleID.hasPrefix("password-") } == true)
    }

    /// Without the `encoded-credentials` rule, pairs are not masked; what other rules find in
    /// decoded text still is.
    @Test func pairDetectionFollowsItsRule() throws {
        let rules = TestSupport.builtin.rules.filter { $0.id != CompiledRuleSet.encodedCredentialsRuleID }
        let set = TestSupport.ruleSet(rules)
        let pair = "auth=\"Basic " + Self.b64("metrics:Pd2-Vn6-Kc8") + "\""
        #expect(Self.redact(pair, with: set) == pair)
        #expect(Self.redact("u=%2Fx%3Fpassword%3DZt5-Lm2Qr", with: set) == "u=%2Fx%3Fpassword%3D***")
        // Base64 contexts are still looked into (on every line, without the rule's keywords).
        let token = "export GH_TOKEN_B64=" + Self.b64("ghp_Zq8xW2mL5nR7tY1vK3pCa9Hd4Jf6Gs0Bb2Nn")
        #expect(Self.redact(token, with: set) == "export GH_TOKEN_B64=***")
    }

    /// The `encoded-credentials` rule's keywords select every line a base64 context can be on:
    /// the decoders skip the base64 search on lines where it is not a candidate.
    @Test func theGateRuleListsEveryContextLiteral() throws {
        let rule = try #require(TestSupport.builtin.rules.first { $0.id == CompiledRuleSet.encodedCredentialsRuleID })
        let needed = Set(CompiledRuleSet.base64Triggers + CompiledRuleSet.sensitiveKeyLiterals)
        #expect(needed.isSubset(of: Set(rule.keywords)), "missing: \(needed.subtracting(rule.keywords).sorted())")
    }

    /// A PCRE2 failure while scanning decoded text fails closed: the line is masked.
    @Test func engineErrorInDecodedTextMasksTheLine() {
        // `boom=` occurs only once the line is decoded.
        let rule = RedactionRule(id: "evil", regex: #"boom=(a+)+$"#, keywords: ["boom="])
        let set = TestSupport.ruleSet([rule])
        let line = "q=boom%3D" + String(repeating: "a", count: 40) + "b"
        #expect(Self.redact(line, with: set) == "[REDACTED:engine-error]")
    }

    /// Results do not depend on how the input is split into reads (triggers are found by the
    /// buffer-wide keyword search).
    @Test func resultsDoNotDependOnReadSizes() {
        let input = (Self.masked.map(\.0) + Self.kept).joined(separator: "\n") + "\n"
        let whole = TestSupport.redact(input, with: TestSupport.builtin)
        for chunk in [1, 7, 64, 4096] {
            #expect(TestSupport.redact(input, with: TestSupport.builtin, chunk: chunk) == whole)
        }
        #expect(whole == (Self.masked.map(\.1) + Self.kept).joined(separator: "\n") + "\n")
    }

    /// Every trigger is specific: it occurs in well under 1% of the loghub lines.
    @Test func triggersAreRareInRealLogs() throws {
        let lines = try TestSupport.loghubLinesLowercased()
        #expect(lines.count >= 30_000)
        for trigger in CompiledRuleSet.decoderTriggers {
            #expect(trigger.utf8.count >= 3 && trigger == trigger.lowercased())
            let needle = Array(trigger.utf8)
            let hits = lines.filter { line in line.withUnsafeBytes { containsFolded($0, needle) } }.count
            #expect(hits * 1000 < lines.count, "trigger \(trigger) occurs in \(hits) lines")
        }
    }
}
