/// ``SecretShape``'s references to secrets kept elsewhere, and the words and placeholders that
/// stand where a password would (no allocation, no `String`).
extension SecretShape {
    /// A reference to a secret stored elsewhere, for every shape: Azure Container Apps
    /// `secretref:db-password` and `keyvaultref:...`, App Service `@Microsoft.KeyVault(...)`,
    /// `env:DB_PASSWORD`,
    /// bank-vaults `vault:secret/data/x#key`, Ambari `SECRET:hive-site:4:...`, GCP resource names
    /// (`projects/acme/secrets/db/versions/latest`, `projects/acme/locations/global/keys/...`),
    /// gcloud `--set-secrets` values (`db-password:latest`, `db-password:3`) and CloudTrail's
    /// `HIDDEN_DUE_TO_SECURITY_REASONS`.
    static func isSecretReference(_ v: UnsafeRawBufferPointer) -> Bool {
        if hasPrefix(v, "secretref:", foldCase: true) || hasPrefix(v, "keyvaultref:", foldCase: true)
            || hasPrefix(v, "@microsoft.keyvault(", foldCase: true) || hasPrefix(v, "SECRET:", foldCase: false)
            || equals(v, from: 0, to: v.count, "hidden_due_to_security_reasons", foldCase: true) {
            return true
        }
        if hasPrefix(v, "vault:", foldCase: false) && v.contains(UInt8(ascii: "/")) { return true }
        // A store's entry by name (`awssm:prod/db/creds:password`, the OS keyring's
        // `keyring:acme-cli/alice`) and ciphertext only a config server or SOPS opens (Spring Cloud
        // Config's `{cipher}<hex>`, `sops:ENC[AES256_GCM,...]`).
        if hasPrefix(v, "awssm:", foldCase: false) || hasPrefix(v, "keyring:", foldCase: false)
            || hasPrefix(v, "{cipher}", foldCase: false) || hasPrefix(v, "sops:ENC[", foldCase: false) {
            return true
        }
        // Apache's `AuthLDAPBindPassword "exec:/usr/local/bin/get-pw"` and `file:/run/secrets/x`:
        // a program or file that yields the secret.
        if hasPrefix(v, "exec:/", foldCase: false) || hasPrefix(v, "file:/", foldCase: false) { return true }
        // An environment variable named as the value's source: `password = "env:HEROKU_PASSWORD"`
        // (Prometheus exporters, Vector's and Telegraf's `env:` lookups).
        if v.count > 5 && hasPrefix(v, "env:", foldCase: true) && isUpperCaseName(v, from: 4) { return true }
        // Node's and Vite's environment lookups, `process.env.API2PDF_API_KEY`,
        // `import.meta.env.VITE_MAPS_KEY` (with a `,` or `;` of the code after it).
        for root in environmentLookupRoots where hasPrefix(v, root, foldCase: false) {
            var end = v.count
            while end > root.utf8CodeUnitCount && (v[end - 1] == UInt8(ascii: ",") || v[end - 1] == UInt8(ascii: ";")) { end -= 1 }
            if isVariableName(v, from: root.utf8CodeUnitCount, to: end) { return true }
        }
        // Home Assistant / ESPHome YAML: `password: !secret wifi_password` names an entry of
        // secrets.yaml. A Go struct dump (`&SecretKeySelector{...}`) describes where one is.
        if equals(v, from: 0, to: v.count, "!secret", foldCase: false) { return true }
        if v.count > 3 && v[0] == UInt8(ascii: "&") && isUpper(v[1]) {
            var index = 2
            while index < v.count && (isLetter(v[index]) || isDigit(v[index])) { index += 1 }
            if index < v.count && v[index] == UInt8(ascii: "{") { return true }
        }
        if hasPrefix(v, "projects/", foldCase: false) && (find(v, "/secrets/") || find(v, "/keys/") || find(v, "/locations/")) {
            return true
        }
        if isLookupCall(v) { return true }
        return isSecretNameAndVersionOrKey(v)
    }

    /// A call that looks a value up by name: `env("SECRET_KEY")`, `os.getenv("DB_PASSWORD", "")`,
    /// `config.get('db.password')` (a dotted name, `(`, then a quote or `$`, ending in `)`): the
    /// code that reads the secret, quoted in prose or a finding.
    private static func isLookupCall(_ v: UnsafeRawBufferPointer) -> Bool {
        guard v.count >= 5, isLetter(v[0]) || v[0] == UInt8(ascii: "_"), v[v.count - 1] == UInt8(ascii: ")") else { return false }
        var index = 1
        while index < v.count && (isLetter(v[index]) || isDigit(v[index]) || v[index] == UInt8(ascii: "_") || v[index] == UInt8(ascii: ".")) {
            index += 1
        }
        guard index + 1 < v.count, v[index] == UInt8(ascii: "(") else { return false }
        let next = v[index + 1]
        return next == UInt8(ascii: "\"") || next == UInt8(ascii: "'") || next == UInt8(ascii: "$")
    }

    /// `name:latest` or `name:<1-4 digits>`, the name lower-case letters, digits and `-`; or a
    /// Kubernetes Secret's key by the Secret's name, `catalog-db:password` (Spark's
    /// `secretKeyRef.DB_PASSWORD=<secret>:<key>`), the key a word that names a secret.
    private static func isSecretNameAndVersionOrKey(_ v: UnsafeRawBufferPointer) -> Bool {
        guard let colon = v.firstIndex(of: UInt8(ascii: ":")), colon >= 2, colon < v.count - 1,
              isLower(v[0]) else { return false }
        for index in 0..<colon {
            let byte = v[index]
            guard isLower(byte) || isDigit(byte) || byte == UInt8(ascii: "-") else {
                return false
            }
        }
        if equals(v, from: colon + 1, "latest") { return true }
        for word in secretKeyWords where equals(v, from: colon + 1, to: v.count, word, foldCase: false) { return true }
        let digits = v.count - colon - 1
        return digits <= 4 && isDigits(v, colon + 1, digits)
    }

    /// A Bitnami Sealed Secrets value (`encryptedData:` of a SealedSecret manifest): ciphertext
    /// only the cluster's controller can open, made to be committed and printed. It starts with
    /// the two-byte length 512 of the RSA-4096-wrapped session key, `AgA`-`AgD` in base64, and
    /// runs for hundreds of base64 bytes (300 or more required here; no password or token looks
    /// like that).
    static func isSealedSecretCiphertext(_ v: UnsafeRawBufferPointer) -> Bool {
        guard v.count >= 300, v[0] == UInt8(ascii: "A"), v[1] == UInt8(ascii: "g"),
              v[2] >= UInt8(ascii: "A"), v[2] <= UInt8(ascii: "D") else { return false }
        var end = v.count
        while end > v.count - 2 && v[end - 1] == UInt8(ascii: "=") { end -= 1 }
        for i in 0..<end {
            let b = v[i]
            guard isLetter(b) || isDigit(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "/") else { return false }
        }
        return true
    }

    /// What stands where a password would without being one: a single byte; the words status,
    /// policy and settings messages put there (booleans, null-likes, `redacted`, `required`,
    /// `changed`, ..., with trailing punctuation); upper-case template placeholders (`CHANGE_ME`,
    /// `YOUR_DB_PASSWORD_HERE`), token-replacement placeholders (`__DB_PASSWORD__`, `%%DB_PASSWORD%%`), encrypted
    /// values (SOPS `ENC[AES256_GCM,...`, Ansible `!vault`), and a shell expansion's error text
    /// (`${DB_PASSWORD:?DB_PASSWORD not set}` leaves `?DB_PASSWORD`: `?` and an upper-case name).
    static func isPasswordStandIn(_ v: UnsafeRawBufferPointer) -> Bool {
        if v.count <= 1 { return true }
        if v[0] == UInt8(ascii: "?") && isUpperCaseName(v, from: 1) { return true }
        if hasPrefix(v, "ENC[", foldCase: false) || equals(v, from: 0, to: v.count, "!vault", foldCase: false) { return true }
        if isTemplatePlaceholder(v) { return true }
        if isSecretNamedConstant(v) || isDottedReference(v) || isPhrase(v) || isSentence(v) || isWordInAnotherScript(v) {
            return true
        }
        // curl / HTTPie / Vault `@file` arguments: `password=@/tmp/db-password.txt`.
        if v.count > 2 && v[0] == UInt8(ascii: "@")
            && (v[1] == UInt8(ascii: "/") || v[1] == UInt8(ascii: "~") || (v[1] == UInt8(ascii: ".") && v[2] == UInt8(ascii: "/"))) {
            return true
        }
        for marker in standInMarkers where equals(v, from: 0, to: v.count, marker, foldCase: false) { return true }
        // A placeholder in words: `your-password-here`, `replace_me_with_the_key`, `enter-password`.
        for prefix in standInPrefixes where v.count > prefix.utf8CodeUnitCount && hasPrefix(v, prefix, foldCase: true) {
            return true
        }
        // A name made from the key word (`'password_reset'` quoted by a linter's finding), a Ruby
        // instance variable (`@password`)
        if isPasswordNamedIdentifier(v) || isSecretNamedVariable(v) || isSecretObjectName(v) { return true }
        var end = v.count
        while end > 1 && trailingPunctuation.contains(v[end - 1]) { end -= 1 }
        guard end <= 16 else { return false }
        for word in standInWords where equals(v, from: 0, to: end, word, foldCase: true) { return true }
        return false
    }

    /// A message in words, as an app's string catalog keeps it under a key named for the password
    /// (`"auth.errors.invalid_password" = "Senha incorreta.";`, `<string name="..._password">Passwort
    /// wurde geändert.</string>`): two words or more, letters of any script (UTF-8 bytes), digits,
    /// `'`, `-` and `,` between them, single blanks, and either a sentence's end (`.`, `!`, `?`) or a
    /// letter of another script; no word mixes letters and digits. A passphrase has no full stop and
    /// no accented letters.
    private static func isSentence(_ v: UnsafeRawBufferPointer) -> Bool {
        guard v.count >= 4 else { return false }
        var words = 0, inWord = false, nonASCII = false
        // (a word that mixes letters and digits is a password's, `My Str0ng Pa55!`)
        var wordLetters = false, wordDigits = false
        var end = v.count
        let last = v[end - 1]
        let endsSentence = last == UInt8(ascii: ".") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?")
        if endsSentence { end -= 1 }
        for index in 0..<end {
            let byte = v[index]
            if byte >= 0x80 || isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-") {
                if byte >= 0x80 { nonASCII = true }
                if !inWord { words += 1; inWord = true; wordLetters = false; wordDigits = false }
                if isDigit(byte) { wordDigits = true } else if byte >= 0x80 || isLetter(byte) { wordLetters = true }
                if wordLetters && wordDigits { return false }
            } else if byte == UInt8(ascii: " ") {
                // (one blank between words; a comma or a full stop may end the word before it)
                guard inWord || (index > 0 && (v[index - 1] == UInt8(ascii: ",") || v[index - 1] == UInt8(ascii: "."))) else {
                    return false
                }
                inWord = false
            } else if (byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".")) && inWord && index + 1 < end && v[index + 1] == UInt8(ascii: " ") {
                inWord = false
            } else {
                return false
            }
        }
        return words >= 2 && (endsSentence || nonASCII)
    }

    /// A word of another script with no ASCII letter or digit in it (`요청`, `обязательно`): a message,
    /// not a password.
    private static func isWordInAnotherScript(_ v: UnsafeRawBufferPointer) -> Bool {
        guard let first = v.first, first >= 0x80 else { return false }
        for byte in v where byte < 0x80 && (isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: " ")) { return false }
        return true
    }

    /// The name of a secret object: lower-case words joined by `-` whose last word names a secret
    /// (`staging-analytics-secret`, `db-credentials`, `redis-password`; a Kubernetes Secret under
    /// `secret:` or `existingSecret:`). A passphrase of words ends in another word
    /// (`correct-horse-battery-staple`).
    private static func isSecretObjectName(_ v: UnsafeRawBufferPointer) -> Bool {
        guard v.count >= 8, let dash = v.lastIndex(of: UInt8(ascii: "-")), dash > 0 else { return false }
        for byte in v where !(isLower(byte) || isDigit(byte) || byte == UInt8(ascii: "-")) { return false }
        let last = UnsafeRawBufferPointer(rebasing: v[(dash + 1)...])
        return secretObjectSuffixes.contains { equals(last, from: 0, to: last.count, $0, foldCase: false) }
    }

    /// The keys a Secret holds its value under, after `<secret name>:`.
    private static let secretKeyWords: [StaticString] = [
        "password", "passwd", "token", "secret", "api-key", "apikey", "api_key", "key", "credentials", "client-secret",
        "client_secret",
    ]

    private static let secretObjectSuffixes: [StaticString] = [
        "secret", "secrets", "credentials", "creds", "password", "passwords", "token", "tokens", "keys", "auth",
    ]

    /// A Ruby instance variable: `@` and lower-case letters and `_` (`@password`, `@api_token`).
    /// (A snake_case name such as `mongo_pass` is left to the rules: in a `.env` file it is the
    /// value itself.)
    private static func isSecretNamedVariable(_ v: UnsafeRawBufferPointer) -> Bool {
        v.count >= 4 && v[0] == UInt8(ascii: "@") && isLower(v[1]) && isLowerSnake(v, from: 1)
    }

    /// `password_reset`, `passwd_file`: `password_` / `passwd_` then lower-case letters and `_`.
    private static func isPasswordNamedIdentifier(_ v: UnsafeRawBufferPointer) -> Bool {
        let start: Int
        if hasPrefix(v, "password_", foldCase: false) { start = 9 } else if hasPrefix(v, "passwd_", foldCase: false) { start = 7 } else { return false }
        return start < v.count && isLowerSnake(v, from: start)
    }

    /// Whether `v[from...]` is lower-case letters and `_` only.
    private static func isLowerSnake(_ v: UnsafeRawBufferPointer, from: Int) -> Bool {
        v[from...].allSatisfy { isLower($0) || $0 == UInt8(ascii: "_") }
    }

    /// A phrase of words set off by a comma: three or more words of letters only, one of them
    /// followed by `, ` (`"bcrypt hashes, not shown"`, `"not set, using default"`). A passphrase
    /// is words without a comma between them.
    private static func isPhrase(_ v: UnsafeRawBufferPointer) -> Bool {
        var words = 0, wordLength = 0, commaBreak = false
        var index = 0
        while index <= v.count {
            let byte = index < v.count ? v[index] : UInt8(ascii: " ")
            if isLetter(byte) {
                wordLength += 1
            } else if byte == UInt8(ascii: " ") || (byte == UInt8(ascii: ",") && index + 1 < v.count && v[index + 1] == UInt8(ascii: " ")) {
                guard wordLength > 0 else { return false }
                words += 1
                wordLength = 0
                if byte == UInt8(ascii: ",") { commaBreak = true; index += 1 }
            } else {
                return false
            }
            index += 1
        }
        return commaBreak && words >= 3
    }

    /// A dotted path of identifiers that refers to a value instead of being one: a segment names
    /// the secret (`cfg.password`, `settings.DB_PASSWORD`, `random_password.db.result`) or the
    /// path starts at a configuration or Terraform root (`var.db_pw`, `local.creds`,
    /// `self.conf_x`). A chosen password with dots has digits or symbols where a segment starts
    /// (`Tr0ub.4dor`), or names neither.
    private static func isDottedReference(_ value: UnsafeRawBufferPointer) -> Bool {
        var count = value.count
        while count > 0 && (value[count - 1] == UInt8(ascii: ",") || value[count - 1] == UInt8(ascii: ";")
                            || value[count - 1] == UInt8(ascii: ")")) {
            count -= 1
        }
        let v = UnsafeRawBufferPointer(rebasing: value[0..<count])
        guard v.count >= 3, v.count <= 128, v.contains(UInt8(ascii: ".")) else { return false }
        var segments = 0
        var namesSecret = false
        var start = 0
        var firstEnd = 0
        while start <= v.count {
            var end = start
            while end < v.count && v[end] != UInt8(ascii: ".") { end += 1 }
            guard isVariableName(v, from: start, to: end) else { return false }
            let segment = UnsafeRawBufferPointer(rebasing: v[start..<end])
            guard isNameLike(segment) else { return false }
            if segments == 0 { firstEnd = end }
            segments += 1
            if !namesSecret { namesSecret = namesSecretWord(segment) }
            start = end + 1
        }
        guard segments >= 2 else { return false }
        let root = UnsafeRawBufferPointer(rebasing: v[0..<firstEnd])
        return namesSecret || referenceRoots.contains { equals(root, from: 0, to: root.count, $0, foldCase: false) }
    }

    /// Whether an identifier reads as a name a person gave: `snake_case` (lower case, digits, `_`),
    /// `UPPER_SNAKE`, or camel case whose every capital starts a word of 2 or more lower-case
    /// letters (`userPassword`, `DbPassword2`). A random string's case is not that regular
    /// (`wQrI`, `GwrobNooPw`, `F9hmVF` are parts of a password, not of a path of names).
    private static func isNameLike(_ segment: UnsafeRawBufferPointer) -> Bool {
        guard let first = segment.first else { return false }
        if segment.allSatisfy({ isLower($0) || isDigit($0) || $0 == UInt8(ascii: "_") }) { return isLower(first) || first == UInt8(ascii: "_") }
        if segment.allSatisfy({ isUpper($0) || isDigit($0) || $0 == UInt8(ascii: "_") }) { return isUpper(first) || first == UInt8(ascii: "_") }
        var index = 0
        while index < segment.count {
            if isUpper(segment[index]) {
                var lower = 0
                index += 1
                while index < segment.count && isLower(segment[index]) { lower += 1; index += 1 }
                guard lower >= 2 else { return false }
            } else if isLower(segment[index]) || isDigit(segment[index]) {
                guard !isDigit(segment[index]) || index > 0 else { return false }
                index += 1
            } else {
                return false
            }
        }
        return true
    }

    /// An environment variable's or a constant's name that names a secret: `UPPER_SNAKE` of two
    /// words or more, one of them a secret's name (`DB_PASSWORD`, `STRIPE_API_KEY`). Under a key
    /// that names a secret object (external-secrets' `"secretKey":"DB_PASSWORD"`) it is the name
    /// of the entry, not its value.
    static func isSecretNamedEnvironmentName(_ v: UnsafeRawBufferPointer) -> Bool {
        guard (3...64).contains(v.count), isUpper(v[0]), v.contains(UInt8(ascii: "_")),
              v.allSatisfy({ isUpper($0) || isDigit($0) || $0 == UInt8(ascii: "_") }) else { return false }
        return namesSecretWord(v)
    }

    /// Whether one of the words of identifier `segment` (split at `_` and at lower-to-upper
    /// case changes: `DB_PASSWORD`, `userPassword`) is a secret's name (`monkey` is not `key`).
    private static func namesSecretWord(_ segment: UnsafeRawBufferPointer) -> Bool {
        var start = 0
        var index = 0
        while index <= segment.count {
            let boundary = index == segment.count || segment[index] == UInt8(ascii: "_")
                || (index > start && isUpper(segment[index]) && !isUpper(segment[index - 1]))
            if boundary {
                if index > start {
                    let word = UnsafeRawBufferPointer(rebasing: segment[start..<index])
                    if secretWords.contains(where: { equals(word, from: 0, to: word.count, $0, foldCase: true) }) { return true }
                }
                start = segment.count > index && segment[index] == UInt8(ascii: "_") ? index + 1 : index
            }
            index += 1
        }
        return false
    }

    private static let secretWords: [StaticString] = [
        "password", "passwd", "pwd", "pass", "secret", "secrets", "token", "credential", "credentials", "creds",
        "key", "apikey", "auth",
    ]
    private static let referenceRoots: [StaticString] = [
        "var", "local", "data", "module", "each", "self", "this", "settings", "config", "cfg", "conf", "env", "params",
        "options", "opts", "args", "ctx", "context", "props", "secrets", "vars", "values", "spec",
    ]

    /// A PascalCase name of 14 or more letters with three capitals that holds `password`,
    /// `passwd` or `secret`: a constant or parameter naming the secret rather than being it
    /// (Icinga's `vars.mysql_health_password = MysqlHealthPassword`, CloudFormation's
    /// `DbPasswordParameter`). Lower-case or shorter values (`thisismypassword`, `MyPassword`)
    /// and values with a digit or symbol (`Password123`) are passwords.
    private static func isSecretNamedConstant(_ v: UnsafeRawBufferPointer) -> Bool {
        guard v.count >= 14, isUpper(v[0]) else { return false }
        var capitals = 0
        for byte in v {
            guard isLetter(byte) else { return false }
            if isUpper(byte) { capitals += 1 }
        }
        guard capitals >= 3 else { return false }
        return find(v, "password", foldCase: true) || find(v, "passwd", foldCase: true) || find(v, "secret", foldCase: true)
    }

    /// The roots of Node's and Vite's environment lookups (``isSecretReference(_:)``).
    private static let environmentLookupRoots: [StaticString] = ["process.env.", "import.meta.env."]

    /// `CHANGE_ME`, `REPLACE-ME`, `YOUR_...`, `..._HERE` (upper case, digits, `_` and `-`); the
    /// words `PASSWORD`, `PASSWD` and `SECRET` in capitals (`mongodb://USER:PASSWORD@host`);
    /// and token-replacement markers `__NAME__`, `@@NAME@@` and, upper case only, `%%NAME%%`
    /// (a deploy script's, `password=%%DB_PASSWORD%%`).
    private static func isTemplatePlaceholder(_ v: UnsafeRawBufferPointer) -> Bool {
        if v.count >= 5 && (v[0] == UInt8(ascii: "_") || v[0] == UInt8(ascii: "@") || v[0] == UInt8(ascii: "%"))
            && v[1] == v[0] && v[v.count - 1] == v[0] && v[v.count - 2] == v[0] {
            return v[0] == UInt8(ascii: "%") ? isUpperCaseName(v, from: 2, to: v.count - 2)
                : isVariableName(v, from: 2, to: v.count - 2)
        }
        if equals(v, from: 0, to: v.count, "PASSWORD", foldCase: false) || equals(v, from: 0, to: v.count, "PASSWD", foldCase: false)
            || equals(v, from: 0, to: v.count, "SECRET", foldCase: false) {
            return true
        }
        for byte in v where !(isUpper(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")) {
            return false
        }
        return equals(v, from: 0, to: v.count, "CHANGE_ME", foldCase: false) || equals(v, from: 0, to: v.count, "CHANGEME", foldCase: false)
            || equals(v, from: 0, to: v.count, "CHANGE-ME", foldCase: false) || equals(v, from: 0, to: v.count, "REPLACE_ME", foldCase: false)
            || equals(v, from: 0, to: v.count, "REPLACEME", foldCase: false) || equals(v, from: 0, to: v.count, "REPLACE-ME", foldCase: false)
            || hasPrefix(v, "YOUR_", foldCase: false) || hasPrefix(v, "YOUR-", foldCase: false)
            || (v.count > 5 && (equals(v, from: v.count - 5, "_HERE") || equals(v, from: v.count - 5, "-HERE")))
    }

    /// Bytes after a stand-in word that are not part of it (`protected]=>` of a PHP dump).
    /// (with the blank: `'Bearer '`, a linter's report of a literal, is the scheme word)
    private static let trailingPunctuation: [UInt8] = Array(").,:;!]=> ".utf8)

    /// Lower case; compared folding case. Words that are weak but real passwords (`password`,
    /// `login`, `user`, `default`) are not here: `ftp://user:password@host` holds a credential;
    /// `password-assignment` keeps them where they are the prose after `password:`.
    private static let standInWords: [StaticString] = [
        "null", "nil", "none", "undefined", "true", "false", "bearer", "basic", "yes", "no", "on", "off", "empty", "blank", "n/a",
        "redacted", "filtered", "hidden", "masked", "removed", "omitted", "sensitive", "unset", "not set", "not_set",
        "not-set", "notset", "required", "optional", "changed", "updated", "reset", "incorrect", "wrong", "invalid",
        "expired", "expires", "expiring", "missing", "mismatch", "mismatched", "ok", "done", "failed", "failure",
        "success", "successful", "set", "provided", "prompt", "for", "is", "was", "of", "to", "the", "not", "must",
        "should", "can", "cannot", "will", "may", "does", "did", "has", "have", "needs", "need", "too", "all",
        "authentication", "unknown", "unable", "you", "your", "please", "enter", "changing", "chauthtok",
        "weak", "strong", "medium", "fair", "good", "poor", "accepted", "rejected",
        "verified", "valid", "matches", "match", "length", "policy", "complexity", "hashed", "encrypted", "plaintext",
        "cleartext", "stored", "saved", "generated", "sent", "entered", "protected", "locked", "disabled",
        "enabled", "used", "reused", "same", "new", "old", "current", "confirm", "see", "check", "contact",
        "ask", "use", "via", "crypted", "latest", "placeholder", "todo", "tbd", "fixme",
        // where the password is kept, said in prose (`Password: in LastPass`, `password: under
        // the team vault`)
        "in", "at", "under", "inside", "within",
        // the same status words in other languages (`Passwort: abgelaufen.`, `Contraseña:
        // caducada.`, `Mot de passe : expiré`)
        "abgelaufen", "geändert", "erforderlich", "ungültig", "falsch", "gesperrt", "caducada", "caducado",
        "cambiada", "cambiado", "requerida", "requerido", "incorrecta", "incorrecto", "expirada", "expiré",
        "expirée", "modifié", "modifiée", "requis", "obligatoire", "scaduta", "scaduto", "cambiata",
        "obbligatoria", "errata", "verlopen", "gewijzigd", "vereist", "onjuist",
        // test doubles and examples in code (`password = "dummy"`, `SecretString::new("test-key")`)
        "example", "dummy", "fake", "sample", "test-key", "test-token", "test-secret", "test-password",
        // what `kubectl apply` / Flux / Argo CD did to a Secret named for a password
        // (`"Secret/ns/db-password":"unchanged"`)
        "unchanged", "created", "deleted", "pruned",
        // print_r / var_dump structure: `[password] => Array`
        "array", "object",
    ]

    /// Starts of placeholders written in words (`your-password-here`, `replace_me`), compared
    /// without case; the value must go on after them.
    private static let standInPrefixes: [StaticString] = ["your-", "your_", "replace-", "replace_", "enter-", "enter_", "insert-", "insert_"]

    /// Ansible's and others' own masks and enum values of password *settings*
    /// (`update_password: on_create`), compared exactly.
    private static let standInMarkers: [StaticString] = [
        "NOT_LOGGING_PARAMETER", "NOT_LOGGING_PASSWORD", "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER", "always", "never", "on_create",
        // IOS-XR `neighbor ... password inheritance-disable`; status words after a password's key
        "inheritance-disable", "configured", "rotated", "rotated,", "local",
        // PHP's own redaction wrapper; keytool's `-storepass:env NAME` / `-storepass:file path`
        "SensitiveParameterValue", "env", "file",
        // PowerShell's Format-List of a PSCredential prints the type, not the value
        "System.Security.SecureString",
        // languages' missing values: R's `NA`, Haskell's `Nothing`, Java's `Optional.empty`
        "NA", "NaN", "Nothing", "Optional.empty",
    ]

    /// `[A-Z_][A-Z0-9_]*` over `v[from..<to]` (to the end when `to` is nil).
    static func isUpperCaseName(_ v: UnsafeRawBufferPointer, from: Int, to: Int? = nil) -> Bool {
        let end = to ?? v.count
        guard from < end, isUpper(v[from]) || v[from] == UInt8(ascii: "_") else { return false }
        for index in from..<end where !(isUpper(v[index]) || isDigit(v[index]) || v[index] == UInt8(ascii: "_")) {
            return false
        }
        return true
    }

    /// `[A-Za-z_][A-Za-z0-9_]*` over `v[from..<to]`.
    static func isVariableName(_ v: UnsafeRawBufferPointer, from: Int, to: Int) -> Bool {
        guard from < to, isLetter(v[from]) || v[from] == UInt8(ascii: "_") else { return false }
        for index in from..<to where !(isLetter(v[index]) || isDigit(v[index]) || v[index] == UInt8(ascii: "_")) {
            return false
        }
        return true
    }
}
