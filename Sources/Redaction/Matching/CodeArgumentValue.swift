/// A value that is a variable passed on in program text, not a secret: one keyword argument or
/// struct field per line, its value a name (`    password=db_password,`, `\tPassword: dbPassword,`,
/// `    Password = password,`, `    password => $password,`, TypeScript's
/// `  apiKey: process.env.STRIPE_SECRET_KEY!,`).
///
/// The rules that judge a value by its shape (``ValueShape``) find the key and take what follows;
/// a password may be any word, so a variable's name passes their shape. The line's layout tells
/// them apart: an indented line that holds this one field, its value unquoted, a name (optionally
/// dotted, after `$` or `@`, with a non-null `!`, no run of three digits), then `,` and nothing
/// more than `)` and a comment.
/// A chosen password in a log or config line is not followed by a lone `,` at the line's end.
///
/// Pure function of the bytes; no allocation; thread-safe.
enum CodeArgumentValue {
    /// Whether `line[secret]` is such a variable. `secret` must lie within `line`.
    static func isVariable(_ line: UnsafeRawBufferPointer, secret: Range<Int>) -> Bool {
        guard secret.lowerBound > 0, secret.upperBound <= line.count, !secret.isEmpty else { return false }
        // Indented, and the key before the value is the line's only field.
        guard line[0] == 0x20 || line[0] == 0x09 else { return false }
        var index = 0
        while index < secret.lowerBound, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
        while index < secret.lowerBound {
            switch line[index] {
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: "{"),
                 UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"):
                return false
            default:
                index += 1
            }
        }
        // From the value's start (the rule's span may have run on over a comment): a name, dotted
        // or not, after an optional `$` / `@`, with an optional `!`; then `,` (and `)`), blanks
        // and at most a comment.
        var end = secret.lowerBound
        while end < line.count, isNameByte(line[end]) { end += 1 }
        guard isName(UnsafeRawBufferPointer(rebasing: line[secret.lowerBound..<end])) else { return false }
        // (a `,` ends an argument that more follow; a lone `)` is left alone: `Battery5168)` may
        // be a YAML password)
        index = end
        guard index < line.count, line[index] == UInt8(ascii: ",") else { return false }
        while index < line.count, line[index] == UInt8(ascii: ",") || line[index] == UInt8(ascii: ")") { index += 1 }
        while index < line.count, line[index] == 0x20 || line[index] == 0x09 || line[index] == 0x0D { index += 1 }
        if index == line.count { return true }
        return line[index] == UInt8(ascii: "#")
            || (line[index] == UInt8(ascii: "/") && index + 1 < line.count && line[index + 1] == UInt8(ascii: "/"))
    }

    /// The bytes a name as ``isName(_:)`` reads it can hold.
    @inline(__always)
    private static func isNameByte(_ byte: UInt8) -> Bool {
        SecretShape.isLetter(byte) || SecretShape.isDigit(byte) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "@")
            || byte == UInt8(ascii: "!")
    }

    /// `[$@]? ident (. ident)*` with `ident = [A-Za-z_][A-Za-z0-9_]*`, and a dotted one may end
    /// in TypeScript's non-null `!` (`env.MAPBOX_TOKEN!`; `Summer2024!` is a password).
    private static func isName(_ v: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        var count = v.count
        if count > 0, v[count - 1] == UInt8(ascii: "!") {
            guard v.contains(UInt8(ascii: ".")) else { return false }
            count -= 1
        }
        if index < count, v[index] == UInt8(ascii: "$") || v[index] == UInt8(ascii: "@") { index += 1 }
        guard index < count, count <= 128 else { return false }
        var segmentStart = true
        var digitRun = 0
        while index < count {
            let byte = v[index]
            // (a run of three digits or more reads as a password's: `Summer2024`, `Battery5168`)
            digitRun = SecretShape.isDigit(byte) ? digitRun + 1 : 0
            guard digitRun < 3 else { return false }
            if segmentStart {
                guard SecretShape.isLetter(byte) || byte == UInt8(ascii: "_") else { return false }
                segmentStart = false
            } else if byte == UInt8(ascii: ".") {
                segmentStart = true
            } else {
                guard SecretShape.isLetter(byte) || SecretShape.isDigit(byte) || byte == UInt8(ascii: "_") else { return false }
            }
            index += 1
        }
        return !segmentStart
    }
}
