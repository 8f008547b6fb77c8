import Testing
@testable import Redaction

@Suite struct Base64ContextTests {
    static func classify(_ key: String) -> String? {
        let bytes = Array(key.utf8)
        return bytes.withUnsafeBytes { buffer -> String? in
            switch Base64Context.classify(key: buffer, at: 0..<buffer.count) {
            case nil: return nil
            case .basicScheme: return "basic"
            case .authField: return "auth"
            case .base64Key(let stem): return "b64:" + String(decoding: buffer[stem], as: UTF8.self)
            case .sensitiveKey: return "sensitive"
            case .selfDescribing: return "json"  // never from a key: from the value's first bytes
            case .labelled: return "labelled"  // never from a key alone: from `data:` / `(base64)`
            }
        }
    }

    @Test(arguments: [
        ("auth", "auth"), ("basic_auth", "auth"), ("proxyAuth", "auth"), ("HTTP-AUTH", "auth"), ("registry.auth", "auth"),
        ("DATABASE_PASSWORD_B64", "b64:DATABASE_PASSWORD"), ("tokenBase64", "b64:token"), ("key.b64", "b64:key"),
        ("tls.key", "sensitive"), ("ssh-privatekey", "sensitive"), (".dockerconfigjson", "sensitive"), ("DB_PASS", "sensitive"),
        ("client-secret", "sensitive"), ("api_tokens", "sensitive"), ("aws_credentials", "sensitive"), ("mysql-pwd", "sensitive"),
    ])
    func contextKeys(_ key: String, _ expected: String) {
        #expect(Self.classify(key) == expected)
        // The finder's quick test agrees with the classification.
        let bytes = Array(key.utf8)
        #expect(Base64Context.mayEndContextKey(bytes[bytes.count - 3], bytes[bytes.count - 2], bytes[bytes.count - 1]))
    }

    @Test(arguments: ["oauth", "author", "b64", "base64", "_b64", "secretName", "token_id", "username", "namespace", "ca.crt", "passage"])
    func otherKeys(_ key: String) {
        #expect(Self.classify(key) == nil)
    }
}
