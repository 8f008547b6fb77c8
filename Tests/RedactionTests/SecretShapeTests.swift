import Testing
@testable import Redaction

/// The value-shape post-filter of the generic key/value layer, both ways, per shape.
@Suite struct SecretShapeTests {
    static func accepts(_ value: String, _ shape: ValueShape) -> Bool {
        Array(value.utf8).withUnsafeBytes { SecretShape.accepts($0, as: shape) }
    }

    // MARK: - Never secrets, whatever the shape

    static let placeholders = [
        "", "x", "***", "********", "xxxxxxxx", "XXXXXXXXXXXXXXXX", "....", "\u{2022}\u{2022}\u{2022}\u{2022}", "\u{2026}",
        "sk-xxxxxxxxxxxxxxxxxxxx", "AKIA****************", "ab12...yz89", "%2A%2A%2A%2A",
        "${DB_PASSWORD}", "$(cat /run/secrets/x)", "{{ .Values.password }}", "{% raw %}", "<%= ENV[\"KEY\"] %>",
        "#{password}", "$DB_PASSWORD", "$env:API_KEY", "%API_KEY%", "%s", "$1", "%kernel.secret%", "%app.mailer_dsn%",
        "<your-api-key>", "<redacted>", "[MASKED]", "[FILTERED]", "{0}", "(none)",
        // a bracketed word whose closing bracket a rule's value class stopped before
        "[FILTERED", "[REDACTED", "<redacted", "(hidden", "[sensitive_value",
        "https://vault.internal/v1/secret/data/db", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-Ab12Cd",
        // public keys that say so: compressed and uncompressed secp256k1 points, Tailscale's typed keys
        "032be42f5d1c2a6b8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60",
        "04" + String(repeating: "9f86d081884c7d659a2feaa0c55ad015", count: 4),
        "nodekey:088c4f1e7d2a9b3c5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5",
        "mkey:16354f1e7d2a9b3c5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a353ba",
        // browser-side publishable keys (Stripe, Clerk): in every page that loads the SDK
        "pk_live_51Nq8ZrKc3vT7yHw2LmXp0aBdEf9GhJk", "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
        // placeholders percent-encoded in a query string
        "%5BFILTERED%5D", "%24%7BTOKEN%7D", "%3CYOUR_API_KEY%3E", "%3Ctoken%3E", "%7B%7B%20api_key%20%7D%7D",
    ]

    @Test(arguments: placeholders, ValueShape.allCases)
    func placeholdersAndReferencesAreNeverSecrets(_ value: String, _ shape: ValueShape) {
        #expect(!Self.accepts(value, shape), "\(shape): \(value)")
    }

    // MARK: - password

    static let passwords = [
        "hunter2", "changeit", "c0rrect horse battery", "Tr0ub4dor&3", "1234", "p@ss;w0rd", "$ecr3t!",
        "Passw0rd", "/notapath", "N0tS0S3cure#2024",
    ]

    @Test(arguments: passwords)
    func passwordShapeMasksHumanPasswords(_ value: String) {
        #expect(Self.accepts(value, .password), "\(value)")
    }

    @Test(arguments: ["/run/secrets/db_password", "~/.pgpass", "./secrets/db.txt", "../db.txt", "/root", "/tmp"])
    func passwordShapeKeepsFilePaths(_ value: String) {
        #expect(!Self.accepts(value, .password))
    }

    /// A message in words kept under a key named for the password (a string catalog), or a word of
    /// another script, is no password; a password with blanks whose words mix letters and digits,
    /// and a passphrase without a sentence's end, still are.
    @Test func passwordShapeKeepsMessagesInWords() {
        for message in ["Senha incorreta.", "Brak klucza API w nagłówku.", "Passwort wurde geändert.",
                        "Wachtwoord is onjuist. Nog 4 pogingen.", "Le jeton d'accès a expiré, reconnexion nécessaire.",
                        "요청", "обязательно"] {
            #expect(!Self.accepts(message, .password), "\(message)")
        }
        for password in ["My Str0ng Pa55!", "correct horse battery staple", "Kennwort2025!", "Tiger2021!"] {
            #expect(Self.accepts(password, .password), "\(password)")
        }
    }

    /// A ULID alone is a record's id for every shape; 26 upper-case characters with a letter
    /// Crockford's base32 leaves out (I, L, O, U) are not one.
    @Test func aULIDIsAnIDNotAToken() {
        #expect(!Self.accepts("01KH9FD8MNNTQEP8872NJDBJC8", .token))
        #expect(!Self.accepts("01KH9FD8MNNTQEP8872NJDBJC8", .strictToken))
        #expect(Self.accepts("01KH9FD8MNNTQEP8872NJDBJCU", .token))
    }

    /// What stands where a password would: kept by the password shape; a weak but real password
    /// (`password`, `letmein1`), a passphrase and a value that merely starts like a placeholder are
    /// masked.
    /// A percent-encoded value is judged by what it encodes: an encoded cache key stays, an
    /// encoded random key is still a token.
    @Test func percentEncodedValuesAreJudgedDecoded() {
        #expect(!Self.accepts("cart%3Auser%3A42", .token))
        #expect(!Self.accepts("tenants%2Facme%2Fprofile.json", .token))
        #expect(Self.accepts("q8Xk2Lm9Tn4Vb7Rz1Wc5Yd3Fs6Ga0Hj%2BpQ%3D", .token))
        #expect(Self.accepts("Zt8qW3nV5xK1pR7mL2sD9fG4%21", .strictToken))
        // (an escape that opens a random key is no placeholder: `%5B` must decode to one)
        #expect(Self.accepts("%5BZt8qW3nV5xK1pR7mL2sD9fG4", .token))
        #expect(Self.accepts("%21Zt8qW3nV5xK1pR7mL2sD9fG4", .password))
    }

    /// References to a value are not the value: dotted paths that name the secret or start at a
    /// configuration root, `@file` arguments, secret paths, template syntaxes of Grafana, Symfony
    /// and Maven; passwords with dots, `@` or `$` inside are still passwords.
    @Test func passwordShapeKeepsReferences() {
        for reference in ["cfg.password", "settings.DB_PASSWORD,", "var.db_pw", "random_password.db.result",
                          "self.conf_x", "@/tmp/db-password.txt", "@./pw.txt",
                          "$__env{GF_ADMIN_PASSWORD}", "%env(DATABASE_PASSWORD)%", "@DB_PASSWORD@", "@db.password@", "$",
                          "protected]=", "Array",
                          // a shell expansion that the value runs on past: `echo "PWD=$PWD HOME=$HOME"`
                          "$PWD HOME=$HOME", "$DB_PASS\t--verbose",
                          // a phrase with a comma (a status or note, not a passphrase)
                          "bcrypt hashes, not shown", "not set, using default"] {
            #expect(!Self.accepts(reference, .password), "\(reference)")
        }
        for password in ["correct horse battery staple", "horse, battery", "Tr0ub, 4dor staple"] {
            #expect(Self.accepts(password, .password), "\(password)")
        }
        for password in ["Tr0ub.4dor", "Summer.Time", "john.doe", "p@ss/w0rd", "@dmin2024", "Ab$cd.ef",
                         "purple.monkey.dishwasher", "@shl3y96@", "correct/horse/battery", "wQrI.GwrobNooPw",
                         "pwAL.En2QnWSz", "F9hmVF.pwWbLi1TT", "zdwwO.saEdtbPW"] {
            #expect(Self.accepts(password, .password), "\(password)")
        }
    }

    /// An `=` inside a token is no assignment when the left side is no name: short with upper
    /// case, or upper case mixed with digits; `expires_at=...`, `id=pip_token` stay assignments.
    @Test func assignmentsNeedANameOnTheLeft() {
        for token in ["Yc=Fwq4HLU.+0UBg6GY", "GV8P=mXmplg_AIpKEg?B", "P=FR933ghlF-Hm@r"] {
            #expect(Self.accepts(token, .token), "\(token)")
        }
        for assignment in ["expires_at=2024-05-01T10:30:00Z", "id=pip_token,env=PIP_TOKEN", "ENV=production-eu"] {
            #expect(!Self.accepts(assignment, .token), "\(assignment)")
        }
    }

    /// Decoding is bounded at two levels (`%252525...` would otherwise decode one level per call):
    /// a cache key encoded twice is read as one, encoded three times it is judged as it stands.
    @Test func decodingAValueIsBounded() {
        #expect(SecretShape.maximumDecodings == 2)
        #expect(!Self.accepts("cart%253Auser%253A42", .token))
        #expect(Self.accepts("cart%25253Auser%25253A42", .token))
        #expect(Self.accepts("Zq8xW2mL5nR7tY1vK3pC%252B", .token))
    }

    /// A value with `\u`/`\x` escapes is judged by what they stand for.
    /// Only the exact layouts are public keys: a 64-hex private key, a point with another tag, or
    /// a typed key with the wrong length is judged by its shape as before.
    @Test func publicKeyLayoutsAreExact() {
        func isPublic(_ value: String) -> Bool { Array(value.utf8).withUnsafeBytes { SecretShape.isPublicKeyText($0) } }
        #expect(!isPublic("2be42f5d1c2a6b8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60"))
        #expect(!isPublic("052be42f5d1c2a6b8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60"))
        #expect(!isPublic("nodekey:088c4f1e7d2a9b3c"))
        #expect(!isPublic("privkey:088c4f1e7d2a9b3c5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5"))
        #expect(Self.accepts("2be42f5d1c2a6b8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60", .token))
        // (Courier's `pk_test_` auth tokens have an upper-case body: secret; so is a short or
        // punctuated body)
        #expect(!isPublic("pk_test_DS4EF7JHTUK5D5ZN5CNS6KHYLGMN"))
        #expect(!isPublic("pk_live_ab12"))
        #expect(!isPublic("pk_live_51Nq8ZrKc3vT7yHw2-LmXp0aBdEf9"))
        #expect(isPublic("pk_live_51Nq8ZrKc3vT7yHw2LmXp0aBdEf9GhJk"))
    }

    @Test func escapedValuesAreJudgedDecoded() {
        #expect(!Self.accepts(#"C\u00f3digo"#, .token))
        #expect(!Self.accepts(#"pass\u0077ord_reset_link"#, .token))
        #expect(Self.accepts(#"Zq8xW2mL5nR7\u0021tY1vK3pC"#, .token))
        #expect(Array(#"a\u00e9b"#.utf8).withUnsafeBytes { SecretShape.escapeLength($0, at: 1) } == 6)
        #expect(Array(#"a\x4"#.utf8).withUnsafeBytes { SecretShape.escapeLength($0, at: 1) } == 0)
    }

    @Test func passwordShapeKeepsStandIns() {
        for value in ["yes", "TRUE", "1", "none", "null", "redacted", "REDACTED", "hidden", "crypted", "required.",
                      "CHANGE_ME", "YOUR_DB_PASSWORD_HERE", "__DB_PASSWORD__", "__SmtpPassword__", "ENC[AES256_GCM",
                      "!vault", "?DB_PASSWORD", "latest", "!secret", "NOT_LOGGING_PARAMETER",
                      "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER", "on_create"] {
            #expect(!Self.accepts(value, .password), "\(value)")
        }
        for value in ["password", "letmein1", "correct horse", "__init", "CHANGE_ME_2024x", "Yes-I-Am-7", "on3",
                      "?Xk9mP2a", "?9#kLq"] {
            #expect(Self.accepts(value, .password), "\(value)")
        }
    }

    /// References to secrets stored elsewhere are no secret, whatever the shape.
    @Test(arguments: ["secretref:db-password", "keyvaultref:https://kv.vault.azure.net/secrets/db",
                      "@Microsoft.KeyVault(VaultName=kv;SecretName=db-password)", "vault:secret/data/orders/db#password",
                      "SECRET:hive-site:4:javax.jdo.option.ConnectionPassword",
                      "projects/123456789012/secrets/app-secret/versions/latest",
                      "projects/acme/locations/global/keys/6f1c2a9e-84d3-4b7a-9e05-3c8d1f2a7b64", "db-password:latest",
                      "db-password:3", "HIDDEN_DUE_TO_SECURITY_REASONS"],
          ValueShape.allCases)
    func referencesToStoredSecretsAreNeverSecrets(_ value: String, _ shape: ValueShape) {
        #expect(!Self.accepts(value, shape), "\(shape): \(value)")
    }

    @Test func secretReferencesNeedTheirWholeForm() {
        for value in ["vault:Zq8xW2mL5nR7tY1vK3pC", "projects:Zq8xW2mL5nR7tY1v", "Db-Password:latest", "x:latest",
                      "db-password:12345"] {
            #expect(Self.accepts(value, .password), "\(value)")
        }
    }

    /// Vault's audit log writes every value as `hmac-sha256:<hex>`: a keyed hash, kept; a password
    /// that merely starts like one is not.
    @Test func passwordShapeKeepsKeyedHashes() {
        #expect(!Self.accepts("hmac-sha256:b9e77df7c3a1d2f40e5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b", .password))
        #expect(!Self.accepts("HMAC-SHA1:0a1b2c3d4e5f", .password))
        #expect(Self.accepts("hmac-shared-Secret1", .password))
        #expect(Self.accepts("hmac-sha:Zq8x", .password))
    }

    /// Names of secrets joined by `/` or `:` (what a record's `secret` field often holds), as
    /// opposed to values that contain such separators.
    @Test func resourceNamesAreTellable() {
        func isName(_ value: String) -> Bool { Array(value.utf8).withUnsafeBytes { SecretShape.isResourceName($0) } }
        for name in ["prod/payments/stripe", "repo:acme/web:ref:refs/heads/main", "projects/acme/secrets/db-password",
                     "default/db-credentials",
                     // a lower-case UUID as an object's id under a prefix or namespace
                     "tmp/079e9316-f830-4556-8d7c-6d21c46d0e76", "crossplane-system/8e6b40d5-1429-4822-aa8e-ec0b093eaefa",
                     "uploads/3fa85f64-5717-4562-b3fc-2c963f66afa6/avatar"] {
            #expect(isName(name), "\(name)")
        }
        for value in ["stripe", "db-password", "Prod/Payments", "Zq8xW2mL5nR7tY1vK3pC", "user:Zq8xW2mL5nR7tY1vK3pC9dF4", "a1b2c3d4e5f6a7b8c9d0e1f2/x",
                      "/etc/app", "abc/", "tenant:42", "x:y z",
                      // UUIDs alone, a UUID-laid-out key with upper case, a UUID run on into more bytes
                      "079e9316-f830-4556-8d7c-6d21c46d0e76/8e6b40d5-1429-4822-aa8e-ec0b093eaefa",
                      "tmp/079E9316-F830-4556-8D7C-6D21C46D0E76", "tmp/079e9316-f830-4556-8d7c-6d21c46d0e76Zq8xW2mL5nR7"] {
            #expect(!isName(value), "\(value)")
        }
    }

    // MARK: - token

    static let tokens = [
        "Zq8xW2mL5nR7tY1vK3pC",                                    // base62
        "4f8a2c6e1b9d3f7a5c0e8b2d6f4a1c9e",                        // hex API key
        "3fb8c1d2-7a4e-4c9b-8e2f-6d1a0b9c7e5f",                    // UUID API key
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8LmT2vXw",                // base64 with slashes
        "sk_live_4eC39HqLyjWDarjtT1zdp7dc",                        // prefixed
        "xoxb-2871539046-5839017462-pQ7rS2tU9vW4xY1z",            // dashed with long numbers
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.Zk9xQwLm2Tn4Vb8Rz1Wc5Yd3", // JWT
        "DjayBenyJrtpvydFCzAphcqc",                                // mixed case, not camelCase
        "q9$w!2x#Lm7@Tn4^Vb8&Rz",                                  // symbols
        "12345678901234567890123", "8195513847023883",             // long digits
        "ABC123DEF456",                                            // short, letters and digits
        "hope]nobody[finds>-_$#thisone",                           // letters and symbols
        "abcd1234-ef56-78gh-ijkl-mnopqrstuvwx",                    // UUID layout, not hex
        "x7k2-m9p4-q8r3-t6v1",                                     // grouped key, digits in every group
        "/6Un4AWyy7AwZgjHKkZy2oScRiJv4RFq64ORWkZVwUo=",            // base64 that starts with /
        "/P3WaRARKEVdHhZ5BCBgpG7WRewcHTger/ZpZuAx0JXFch6aR1M674",  // ... without + or padding
        "/q5X92cB1z+ZR+6LsttZVegw0+ozKtHxwivzBBAm",                // ... with +
        "Zq8vN2kLp4Rt7xWc9bYh3mJd=A1B2C3D4",                       // = inside a random run
        "Rk4=Lq8Zt2Wn6Xv0Pb3M",                                    // ... early in a generated password
    ]

    @Test(arguments: tokens)
    func tokenShapeMasksRandomLookingValues(_ value: String) {
        #expect(Self.accepts(value, .token), "\(value)")
    }

    static let nonSecrets = [
        "Token", "expired", "true", "Bearer", "SIMPLE", "abc1234",                      // words, short
        "db-credentials", "tls-cert-2024", "payments-api-key", "new-checkout-flow",     // identifiers
        "AbstractSingletonProxyFactoryBean", "XMLHttpRequest", "getMasterUserPassword", // camelCase
        "android.os.BinderProxy@2bd79ce", "com.example.app.TokenService",               // Java names
        "user:42:profile", "orders::88213", "ORDER#88213", "feature:checkout:v2",        // cache keys
        "AAAAC3NzaC1lZDI1NTE5AAAAIKWxQ2n7Lm4Tn8Vb1Rz5Wc3Yd6Fs0Ga9Hj2Kp", "%%1843",    // public key, code
        "api-tls-vr2pt", "orders-db-7c9f8d6b5-x2k4q", "prod/api-tls-1-3318812290",      // object names
        "XXX-REDACTED-XXX", "&SecretKeySelector{Name:cloud-credentials}",               // masks, selectors
        "tenants/acme/exports/2024-05-14/orders.csv", "/etc/app/keys/signing.pem",      // paths
        "thumbnails/3d40f13c-77aa-4b1e-9c55-0d8e2f61a9b7/64x64.webp",                   // object keys
        "pg/orders/2025-02-18T11.dump.zst", "/var/lib/docker/overlay2/9f86d081884c7d659a2f/merged",
        "expires_at=2024-05-01T10:30:00Z", "scope=read:orders",                         // assignments
        "C:\\secrets\\db.txt", "server.key", "creds.json", "alias/payments-prod",
        "alice@example.com", "reports@acme-prod.iam.gserviceaccount.com",               // e-mails
        "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",      // digests
        "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8", "md5=d41d8cd98f00b204e9800998ecf8427e",
        "hmac-sha256:Zq8xW2mL5nR7tY1vK3pC",
        "1715673600123", "1715673600123456", "3600", "1234567890123", "1,234,567.89", "0x3AA5C34371567BD2",                  // numbers
        "2.14.1", "v1.22.4-rc.1", "10.0.3.17", "10.0.3.17:5432",                        // versions, IPs
        "2024-05-14T08:01:12.331Z", "2024-05-14", "08:01:12",                           // dates, times
        "250ms", "1h30m45s", "512Mi", "PT30M",                                          // durations, sizes
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaend", "00000000-0000-0000-0000-000000000000", // low entropy
        "0000000000000000000000000000000000000000aa", "abababababababab",
        "not set yet", "invalid (expired)",                                             // whitespace
    ]

    @Test(arguments: nonSecrets)
    func tokenShapeKeepsStructuredNonSecrets(_ value: String) {
        #expect(!Self.accepts(value, .token), "\(value)")
    }

    // MARK: - strict-token

    @Test(arguments: ["3fa85f64-5717-4562-b3fc-2c963f66afa6", "9f86d081884c7d659a2feaa0c55ad015",
                      "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "Zq8xW2mL5nR7tY1",
                      "ABCD1234EFGH5678"])
    func strictShapeKeepsIdsDigestsAndShortValues(_ value: String) {
        #expect(!Self.accepts(value, .strictToken))
        #expect(value.count < 16 || Self.accepts(value, .token), "the plain token shape takes it")
    }

    /// Under `key` alone, a lower-case name and `:` before the rest is a cache or queue key.
    @Test(arguments: ["ratelimit:-vUnUHrcI_oWuXdVME-vWY", "og-image:8QssBtcUZe81DlwEk9SGp", "v2:tenant:4412:search:qbq8DkbzdU9Q",
                      ":1:template.cache.sidebar.c366f0da6c8b746a567aefd5deef13fe", "entries:xEN279hMC_Gnd3T_gYlIfC"])
    func strictShapeKeepsNamespacedKeys(_ value: String) {
        #expect(!Self.accepts(value, .strictToken))
    }

    /// Under `key` alone, a short word and hex is a cache, batch or chunk id; an IPFS content id
    /// is a public address (any shape); a prefixed key with a long random body is still a key.
    @Test func strictShapeKeepsWordPrefixedIdsAndContentIds() {
        for value in ["page_0650a9bcc94f", "batch-6b4a828010fea108", "md5_f60b7d9b3263896cf7460650a9bcc94f",
                      "sha256_9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                      "QmfAApyRLJtBuY8VrjMdTdiWLMP7WfDAft4uhjE26tdP7Q"] {
            #expect(!Self.accepts(value, .strictToken), "\(value)")
        }
        #expect(!Self.accepts("QmfAApyRLJtBuY8VrjMdTdiWLMP7WfDAft4uhjE26tdP7Q", .token))
        for value in ["ak_Zq8xW2mL5nR7tY1vK3pC9dF4", "page_0650a9bcc94f0650a9bcc94f0650a9bcc94f", "Qm-Zq8xW2mL5nR7tY1vK3pC9dF4"] {
            #expect(Self.accepts(value, .strictToken), "\(value)")
        }
    }

    /// Templates and references that sit where a secret would: Nagios/Icinga macros, an HAProxy
    /// sample fetch, an entity-quoted `${VAR}`, a program or file that yields the secret, a
    /// PascalCase constant naming it; Jenkins and Maven ciphertext in braces is a secret, and so
    /// are lower-case or short values that merely contain the word.
    @Test func macrosReferencesAndBracedCiphertext() {
        for value in ["$USER4$", "$mysql_health_password$", "%[env(UPSTREAM_BASIC_B64)]", "&quot;${DB_PASSWORD}&quot;",
                      "exec:/usr/local/bin/get-ldap-pw", "file:/run/secrets/db", "MysqlHealthPassword", "{0}", "{Password}"] {
            #expect(!Self.accepts(value, .password), "\(value)")
        }
        for value in ["{AQAAABAAAAAQx7Lp2Kq9Zt4Rw8Yv3Nm6Bc1Df5Gh0Jk2=}", "{pW9kFtkWIFHcCuoub5StNw==}", "thisismypassword",
                      "MyPassword", "Password123", "$had0w707?"] {
            #expect(Self.accepts(value, .password), "\(value)")
        }
    }

    /// Values that name rather than hold a secret: a Proxmox token id (`user@realm!name`), a
    /// Secret object's name, bullet-masked and Windows-deleted values, `your-*` stand-ins; and
    /// the look-alikes that stay secrets: a password with `@` and `!`, a passphrase of words, a
    /// base64 password that starts with `/`.
    @Test func namesOfSecretsAreNotSecrets() {
        #expect(!Self.accepts("root@pam!monitoring", .token))
        #expect(Self.accepts("ZdUgn@p@pUCwB!iL7NNt", .token))
        for value in ["staging-analytics-secret", "db-credentials", "redis-password", "your-password-here",
                      "sk_live_\u{2022}\u{2022}\u{2022}\u{2022}1279", "*SENSITIVE*DATA*DELETED*", "TODO"] {
            #expect(!Self.accepts(value, .password), "\(value)")
        }
        for value in ["correct-horse-battery-staple", "/N/SgXWUu7AsRR0LZc6IA/vKqWrHej3w2mUKhDjrPuU="] {
            #expect(Self.accepts(value, .password), "\(value)")
        }
        #expect(!Self.accepts("/var/lib/app/secret", .password))
        // PascalCase with two-letter words: a name for the strict shape, a password otherwise
        #expect(!Self.accepts("DbMasterPassword", .strictToken))
        #expect(Self.accepts("MyDogRex#1", .token))
    }

    @Test func sealedSecretsCiphertextIsNoSecret() {
        // A SealedSecret's encryptedData value: `Ag` + A-D, then hundreds of base64 bytes.
        let body = String(repeating: "Qm9yZWFsaXM3TGsyV244WnM0WHY5VG0zUmQ2", count: 10)
        for prefix in ["AgA", "AgB", "AgC", "AgD"] {
            for shape in ValueShape.allCases {
                #expect(!Self.accepts(prefix + body + "==", shape), "\(prefix)")
            }
        }
        // Not that shape: another third byte, too short, or not base64 throughout.
        #expect(Self.accepts("AgE" + body, .password))
        #expect(Self.accepts("AgB" + String(body.prefix(200)), .password))
        #expect(Self.accepts("AgB" + body + "#x", .password))
    }

    /// A password a person chose passes the token shape (under secret, credential and token keys)
    /// though it is made of words; an identifier with the same separators does not, nor does the
    /// strict shape of a bare `key` take it.
    @Test func tokenShapeTakesHumanPasswords() {
        for value in ["Mustang#67gt", "Football#12", "Welcome@123", "P@ssw0rd!2026", "Kitty*Cat12", "blue+Sky9x",
                      "Hockey#coffee38", "Monkey@falcon85"] {
            #expect(Self.accepts(value, .token), "\(value)")
            #expect(!Self.accepts(value, .strictToken), "\(value)")
        }
        for value in ["BinderProxy@2bd79ce", "qwerty_987", "svc-deploy-2025", "$SECRET_V2", "Controller#index",
                      "ops@example.com", "Release@v2", "TokenCache@6d06d69c"] {
            #expect(!Self.accepts(value, .token), "\(value)")
        }
    }

    /// Under `key` alone, words and numbers joined by separators are a composite key (a rate
    /// limiter's window, a cache entry); a part that mixes letters and digits, a capital or fewer
    /// than two words make it a value again.
    @Test func strictShapeKeepsReadableCompositeKeys() {
        for value in ["edge-proxy_remote_address_10.0.3.9_1764500400", "orders.summary.tenant_4412.daily",
                      "search:results:shoes:page:7"] {
            #expect(!Self.accepts(value, .strictToken), "\(value)")
        }
        for value in ["edge-proxy_remote_k3x9z_10.0.3.9_1764500400", "zq8xw2ml5nr7ty1vk3pc9df4_tenant_data",
                      "Edge-Proxy_Remote_Address_1764500400", "proxy_1764500400_99812734"] {
            #expect(Self.accepts(value, .strictToken), "\(value)")
        }
    }

    @Test(arguments: ["AIzaSyC8Lq2Xv9Rt4Wn1Zs8Bc3Yd6Hf0JgPvQ", "Zq8xW2mL5nR7tY1vK3pC9dF4", "dGVzdC1rZXktdmFsdWUtMTIzNDU2Nzg5MA==",
                      "Ab:Zq8xW2mL5nR7tY1vK3pC9dF4", "9a:Zq8xW2mL5nR7tY1vK3pC9dF4"])
    func strictShapeMasksCredentials(_ value: String) {
        #expect(Self.accepts(value, .strictToken))
    }

    // MARK: - The rule field

    @Test func packFieldParsesAndRejectsUnknownShapes() throws {
        let pack = try RulePack.parse("""
            [[rules]]
            id = "x"
            regex = 'k=(\\S+)'
            valueShape = "strict-token"
            """, file: "t.toml", name: "t")
        #expect(pack.rules.first?.rule.valueShape == .strictToken)
        #expect(throws: RuleLoadError.self) {
            try RulePack.parse("""
                [[rules]]
                id = "x"
                regex = 'k=(\\S+)'
                valueShape = "random"
                """, file: "t.toml", name: "t")
        }
    }

    /// When a format rule and a generic (shaped) rule mask the same bytes, the finding names the
    /// format rule, whatever the rule order.
    @Test func formatRulesWinTiesOverShapedRules() {
        let generic = RedactionRule(id: "a-generic", regex: #"token (\S+)"#, valueShape: .token, keywords: ["token"])
        let format = RedactionRule(id: "z-format", regex: #"(zf_[A-Za-z0-9]{20})"#, keywords: ["zf_"])
        for rules in [[generic, format], [format, generic]] {
            let set = TestSupport.ruleSet(rules)
            var sink = ByteArraySink(collectFindings: true)
            let redactor = StreamRedactor(ruleSet: set)
            Array("use token zf_Zq8xW2mL5nR7tY1vK3pC\n".utf8).withUnsafeBytes { buffer in
                try? redactor.feed(buffer, into: &sink)
                try? redactor.finish(into: &sink)
            }
            #expect(sink.findings.map(\.ruleID) == ["z-format"])
        }
    }

    @Test func shapeFiltersMatchesInTheEngine() {
        let rule = RedactionRule(id: "kv", regex: #"secret=(\S+)"#, valueShape: .token, keywords: ["secret="])
        let set = TestSupport.ruleSet([rule])
        #expect(TestSupport.redact("secret=Zq8xW2mL5nR7tY1vK3pC next", with: set) == "secret=*** next")
        #expect(TestSupport.redact("secret=db-credentials next", with: set) == "secret=db-credentials next")
    }
}
