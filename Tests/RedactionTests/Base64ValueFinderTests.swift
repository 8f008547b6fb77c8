import Testing
@testable import Redaction

@Suite struct Base64ValueFinderTests {
    /// Every value found in `line`: its token and a short name of its context (with the key for keyed contexts).
    static func values(_ line: String) -> [String] {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBytes { buffer in
            var finder = Base64ValueFinder(buffer)
            var found: [String] = []
            while let value = finder.next() {
                let token = String(decoding: buffer[value.token], as: UTF8.self)
                switch value.context {
                case .basicScheme: found.append("basic \(token)")
                case .authField: found.append("auth \(token)")
                case .base64Key(let stem): found.append("b64[\(String(decoding: buffer[stem], as: UTF8.self))] \(token)")
                case .sensitiveKey(let key): found.append("key[\(String(decoding: buffer[key], as: UTF8.self))] \(token)")
                case .selfDescribing: found.append("json \(token)")  // JSON or a URL
                case .labelled: found.append("labelled \(token)")  // a data: URI or a (base64) label
                }
            }
            return found
        }
    }

    @Test(arguments: [
        ("Proxy-Authorization: Basic cXc6ZXI=", ["basic cXc6ZXI="]),
        ("auth=\"BASIC  cXc6ZXI=\" next", ["basic cXc6ZXI="]),
        ("headers['Authorization'] = 'Basic cXc6ZXI='", ["basic cXc6ZXI="]),
        ("map[Authorization:[Basic cXc6ZXI=]]", ["basic cXc6ZXI="]),
        // A word of one case is valid base64 by chance, not a value to decode.
        ("level: basic authentication", []),
        ("\"@password:filter\"", []),
        // Digits only are a number, not a value to decode (`1400` decodes to the text `׍4`).
        ("redis-password:  1400 bytes", []),
        (#"{"auths":{"r.example":{"auth":"cXc6ZXI="}}}"#, ["auth cXc6ZXI="]),
        (#"{\"auth\": \"cXc6ZXI=\"}"#, ["auth cXc6ZXI="]),
        ("basic_auth=cXc6ZXI= proxyAuth: cXc6 http-auth => 'cXc6ZXI'", ["auth cXc6ZXI=", "auth cXc6", "auth cXc6ZXI"]),
        ("export DB_PASSWORD_B64=cXc6ZXI=", ["b64[DB_PASSWORD] cXc6ZXI="]),
        ("tokenBase64: cXc6ZXI=", ["b64[token] cXc6ZXI="]),
        ("SIGNING.KEY.b64=[cXc6ZXI=]", ["b64[SIGNING.KEY] cXc6ZXI="]),
        ("  tls.key: LS0tLS1CRUdJTg==", ["key[tls.key] LS0tLS1CRUdJTg=="]),
        ("  .dockerconfigjson: eyJhdXRocyI6e30=", ["key[.dockerconfigjson] eyJhdXRocyI6e30="]),
        ("db-password: cXc6ZXI=, next: x", ["key[db-password] cXc6ZXI="]),
        ("creds: Basic cXc6ZXI=.", ["basic cXc6ZXI="]),
        // A JSON object in base64 under any key; a sensitive key keeps its own context; a JWT
        // (dots) is no single token.
        ("config blob: eyJ1c2VyIjoiYSJ9 loaded", ["json eyJ1c2VyIjoiYSJ9"]),
        (#"{"payload":"eyJ0b2tlbiI6IngifQ=="}"#, ["json eyJ0b2tlbiI6IngifQ=="]),
        ("secret_token=eyJ0b2tlbiI6IngifQ==", ["key[secret_token] eyJ0b2tlbiI6IngifQ=="]),
        ("hint=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI3In0.sig", []),
        // The base64 of a URL scheme that may carry credentials, case-sensitive.
        ("DATABASE_URL: cG9zdGdyZXNxbDovL2E6YkBj", ["json cG9zdGdyZXNxbDovL2E6YkBj"]),
        ("note: CG9ZDGDYZXNXBDOVL2E6YKBJ", []),
        // The base64 of text that starts with a credential's key (a logged form body).
        ("body=cGFzc3dvcmQ9Vm40I2tQOHFMeDI= b64=true", ["json cGFzc3dvcmQ9Vm40I2tQOHFMeDI="]),
        ("body: Y2xpZW50X2lkPWEmY2xpZW50X3NlY3JldD1i", ["json Y2xpZW50X2lkPWEmY2xpZW50X3NlY3JldD1i"]),
        ("body: aGVsbG8gd29ybGQ=", []),
        // Values the text labels as base64: a data: URI (media type and parameters first), a
        // `(base64)` / `(b64)` label; `metadata:` and `data:` without `;base64,` are not.
        ("src=data:application/json;base64,cXc6ZXI= next", ["labelled cXc6ZXI="]),
        ("DATA:text/plain;charset=utf-8;base64,cXc6ZXI=", ["labelled cXc6ZXI="]),
        ("payload (base64): cXc6ZXI=", ["labelled cXc6ZXI="]),
        ("body (B64)= cXc6ZXI=", ["labelled cXc6ZXI="]),
        ("metadata:text/plain;base64,cXc6ZXI=", []),
        ("data: cXc6ZXI=", []),
    ])
    func findsValuesInCredentialContexts(_ line: String, _ expected: [String]) {
        #expect(Self.values(line) == expected)
    }

    @Test(arguments: [
        "oauth: cXc6ZXI=",
        "author: cXc6ZXI=",
        "username: YWRtaW4=",
        "b64: cXc6ZXI=",
        "base64: cXc6ZXI=",
        "auth: cXc",
        "auth=cXc6ZXI=.json",
        "mybasic cXc6ZXI=",
        "auth: cXc6ZXI=:more",
        "data:image/png;base64,iVBORw0KGgo=",
        // Every context follows a separator: `Basic` in prose is not one.
        "The value is basic cXc6ZXI= here",
        // A key that only contains a sensitive word is not sensitive.
        "secretName: cXc6ZXI=",
        "token_id=cXc6ZXI=",
    ])
    func ignoresOtherContexts(_ line: String) {
        #expect(Self.values(line).isEmpty)
    }
}
