/// ``SecretShape``'s test for identifiers made of words (`db-credentials`, `user:42:profile`,
/// `tenants/acme/2024/orders`): values the token shapes reject because they name something.
extension SecretShape {
    /// An identifier made of words: every segment between `-`, `_`, `.`, `:`, `/`, `@`, `=`, `#` is a
    /// word (lower, UPPER, Capitalized or camelCase letters), a number of up to 8 digits, up to 8
    /// hex digits, a word followed by up to 3 digits (`v2`, `sha256`) or up to 3 digits followed
    /// by a short word (`30s`, `2fa`).
    /// - Parameter twoLetterWords: also take a capital and one lower-case letter that spell a
    ///   two-letter word of names as a word (`DbMasterPassword`, `UserIdToken`): for a strict
    ///   token, where a name is likelier than a password a person chose (`MyDogRex#1`).
    static func isIdentifier(_ v: UnsafeRawBufferPointer, twoLetterWords: Bool = false) -> Bool {
        var start = 0
        for index in 0...v.count {
            if index == v.count || isSegmentSeparator(v[index]) {
                if !isWordSegment(v, start, index, twoLetterWords: twoLetterWords) && !isShortHexSegment(v, start, index) {
                    return false
                }
                start = index + 1
            }
        }
        return true
    }

    /// 1 to 8 hex digits: generated name suffixes (`api-7d9f8b6c4`) and Java identity hashes
    /// (`BinderProxy@2bd79ce`).
    private static func isShortHexSegment(_ v: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        guard end - start <= 8 else { return false }
        for index in start..<end where !isHexDigit(v[index]) { return false }
        return true
    }

    private static func isSegmentSeparator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"),
             UInt8(ascii: "@"), UInt8(ascii: "="), UInt8(ascii: "#"):
            return true
        default:
            return false
        }
    }

    private static func isWordSegment(_ v: UnsafeRawBufferPointer, _ start: Int, _ end: Int, twoLetterWords: Bool) -> Bool {
        if start == end { return true }
        var letterEnd = start
        while letterEnd < end && isLetter(v[letterEnd]) { letterEnd += 1 }
        var digitEnd = letterEnd
        while digitEnd < end && isDigit(v[digitEnd]) { digitEnd += 1 }
        if letterEnd == start {
            // Digits first: a number, or a short number with a short word (30s, 2fa, 10gb).
            if digitEnd == end { return end - start <= 8 }
            var tail = digitEnd
            while tail < end && isLetter(v[tail]) { tail += 1 }
            return tail == end && digitEnd - start <= 3 && end - digitEnd <= 4
        }
        guard digitEnd == end else { return false }
        return isWordLetters(v, start, letterEnd, twoLetterWords: twoLetterWords) && digitEnd - letterEnd <= 3
    }

    /// lower, UPPER, Capitalized, or camelCase: every lower-case run after an upper-case letter
    /// is at least 2 letters long (or, with `twoLetterWords`, with that letter one of the
    /// two-letter words names are made of: `DbMasterPassword`, `userIdToken`), and upper-case runs
    /// (acronyms) are at most 5 letters (`BinderProxy`, `XMLHttpRequest`, `getHTTPResponse`; not
    /// `DjayBenyJrtpvydFCzAphcqc`).
    private static func isWordLetters(_ v: UnsafeRawBufferPointer, _ start: Int, _ end: Int, twoLetterWords: Bool) -> Bool {
        var index = start
        while index < end {
            let runStart = index
            let upper = isUpper(v[index])
            while index < end && isUpper(v[index]) == upper { index += 1 }
            let length = index - runStart
            if upper {
                if length > 5 && !(runStart == start && index == end) { return false }
            } else if runStart > start && length < 2 && !(twoLetterWords && isTwoLetterWord(v[runStart - 1], v[runStart])) {
                return false
            }
        }
        return true
    }

    /// Whether a capital and the lower-case letter after it spell a two-letter word of names:
    /// abbreviations (`Db`, `Id`, `Io`, `Ip`, `Ui`, `Os`, `Js`, `Vm`, `Ml`, `Ai`, `Qa`, `Pk`) and
    /// short English words (`On`, `To`, `By`, `Of`, `In`, `Is`, `At`, `Up`, `No`, `My`, `Or`).
    private static func isTwoLetterWord(_ capital: UInt8, _ letter: UInt8) -> Bool {
        let pair = UInt16(capital | 0x20) << 8 | UInt16(letter)
        return twoLetterWords.contains(pair)
    }

    private static let twoLetterWords: Set<UInt16> = Set(
        ["db", "id", "io", "ip", "ui", "os", "ok", "js", "vm", "ml", "ai", "qa", "pk", "fk", "tx", "rx", "ad",
         "on", "to", "by", "of", "in", "is", "at", "up", "no", "my", "or", "as", "if", "it", "do", "go", "me", "we", "an"]
            .map { word -> UInt16 in let bytes = Array(word.utf8); return UInt16(bytes[0]) << 8 | UInt16(bytes[1]) })

    /// `user@realm!tokenid`: the id of a Proxmox VE API token (`root@pam!monitoring`), which names
    /// the token; its secret is the UUID after a further `=`.
    /// The user starts with a letter (2 bytes or more), the realm is lower-case letters
    /// (`pam`, `pve`, a directory's name), and the token id starts with a letter; a password with
    /// `@` and `!` in it (`P@ssw0rd!2026`, `ZdUgn@p@pUCwB!iL7`) has none of that layout.
    static func isRealmTokenID(_ v: UnsafeRawBufferPointer) -> Bool {
        guard let at = v.firstIndex(of: UInt8(ascii: "@")), let bang = v.lastIndex(of: UInt8(ascii: "!")),
              at >= 2, bang > at + 1, bang + 1 < v.count, isLetter(v[0]), isLetter(v[bang + 1]) else { return false }
        func isNameByte(_ byte: UInt8) -> Bool {
            isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        }
        return v[..<at].allSatisfy(isNameByte) && v[(at + 1)..<bang].allSatisfy(isLower)
            && v[(bang + 1)...].allSatisfy(isNameByte)
    }
}
