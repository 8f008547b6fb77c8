import Testing
@testable import Redaction

/// ``CodeArgumentValue``: a variable passed on one argument or field per line is no secret; a
/// literal, a password with a digit run, or a value with more after it still is.
@Suite struct CodeArgumentValueTests {
    /// `value` is found at its last occurrence in `line` (the key may share its name).
    private static func isVariable(_ line: String, value: String) -> Bool {
        let bytes = Array(line.utf8)
        let needle = Array(value.utf8)
        let start = (0...(bytes.count - needle.count)).last { Array(bytes[$0..<($0 + needle.count)]) == needle }!
        return bytes.withUnsafeBytes { CodeArgumentValue.isVariable($0, secret: start..<(start + value.utf8.count)) }
    }

    @Test(arguments: [
        ("        password=db_password,", "db_password,"),
        ("    Password = password,  // from the vault", "password,"),
        ("\tPassword: dbPassword,", "dbPassword"),
        ("    password => $password,", "$password"),
        ("  apiKey: process.env.STRIPE_SECRET_KEY!,", "process.env.STRIPE_SECRET_KEY!"),
        ("    token=token,  # from vault", "token"),
        ("    secret=secret_value,)", "secret_value"),
    ])
    func variablesPassedOnAreNotSecrets(_ line: String, _ value: String) {
        #expect(Self.isVariable(line, value: value))
    }

    @Test(arguments: [
        // not indented, or more than one field before the value
        ("password=db_password,", "db_password"),
        ("    user=app, password=db_password,", "db_password"),
        // a password: a run of digits, a symbol, a quote, or no `,` after it
        ("    password=Summer2024,", "Summer2024"),
        ("    password=Summer2024!,", "Summer2024!"),
        ("         POSTGRES_PASSWORD: Battery5168)", "Battery5168"),
        ("    password=db_password", "db_password"),
        ("    password=\"db_password\",", "db_password"),
        ("    password=hunter,2", "hunter"),
        ("    password=db_password, port=5432", "db_password"),
    ])
    func literalsAndOtherLayoutsAreLeftToTheRules(_ line: String, _ value: String) {
        #expect(!Self.isVariable(line, value: value))
    }

    /// Through the built-in rules: the variable lines stay, the literal ones are masked.
    @Test func builtInRulesKeepVariablesAndMaskLiterals() {
        let kept = "conn = connect(\n    host=host,\n    password=db_password,\n)\n\tPassword: dbPassword,\n"
        #expect(TestSupport.redact(kept, with: TestSupport.builtin) == kept)
        let secret = "conn = connect(\n    host=host,\n    password=\"Tr0ub4dor&3x\",\n)\n"
        #expect(!TestSupport.redact(secret, with: TestSupport.builtin).contains("Tr0ub4dor&3x"))
    }
}
