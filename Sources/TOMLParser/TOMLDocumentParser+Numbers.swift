extension TOMLDocumentParser {
    // MARK: Numbers

    /// Parses an integer, a float or a date-time starting at the current position.
    ///
    /// A value starting with `DDDD-` or `DD:` is a date-time; anything else is read as one
    /// token of number characters and then checked against the TOML grammar.
    mutating func parseNumberOrDateTime() throws(TOMLParseError) -> TOMLValue {
        let start = pos
        if (isDigits(at: pos, count: 4) && byte(at: pos + 4, is: "-"))
            || (isDigits(at: pos, count: 2) && byte(at: pos + 2, is: ":"))
        {
            return try parseDateTime()
        }
        while pos < bytes.count, Self.isBareKeyByte(bytes[pos]) || bytes[pos] == UInt8(ascii: "+")
            || bytes[pos] == UInt8(ascii: ".")
        {
            pos += 1
        }
        guard pos > start else { throw error("invalid value") }
        return try numberValue(bytes[start..<pos], at: start)
    }

    /// The integer or float spelled by `token` (which starts at byte `start`).
    func numberValue(_ token: ArraySlice<UInt8>, at start: Int) throws(TOMLParseError) -> TOMLValue {
        var body = token
        var negative = false
        if let first = body.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            body = body.dropFirst()
        }
        if body.elementsEqual("inf".utf8) { return .float(negative ? -.infinity : .infinity) }
        if body.elementsEqual("nan".utf8) { return .float(negative ? -.nan : .nan) }
        guard let first = body.first, first == UInt8(ascii: ".") || isDigits(at: body.startIndex, count: 1) else {
            throw error("invalid value", at: start)
        }

        if body.count > 2, body.first == UInt8(ascii: "0"),
           let radix = Self.radix(prefix: body[body.startIndex + 1])
        {
            guard body.count == token.count else {
                throw error("invalid number: a sign is not allowed with a base prefix", at: start)
            }
            return .integer(try integer(body.dropFirst(2), radix: radix, negative: false, at: start))
        }
        if body.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            return .float(try float(token, body: body, at: start))
        }
        try checkDecimalInteger(body, at: start)
        return .integer(try integer(body, radix: 10, negative: negative, at: start))
    }

    /// The radix named by the letter after a leading `0` (`x`, `o`, `b`), or `nil`.
    static func radix(prefix: UInt8) -> UInt64? {
        switch prefix {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: nil
        }
    }

    /// Checks that `digits` are digits of `radix` with single underscores only between them.
    func checkDigitGroups(_ digits: ArraySlice<UInt8>, radix: UInt64, at start: Int) throws(TOMLParseError) {
        var previousWasDigit = false
        for byte in digits {
            if byte == UInt8(ascii: "_") {
                guard previousWasDigit else { throw error("invalid number: misplaced underscore", at: start) }
                previousWasDigit = false
            } else if let value = Self.hexDigitValue(byte), UInt64(value) < radix {
                previousWasDigit = true
            } else {
                throw error("invalid number", at: start)
            }
        }
        guard previousWasDigit else {
            throw error(digits.isEmpty ? "invalid number" : "invalid number: misplaced underscore", at: start)
        }
    }

    /// Checks an unsigned decimal integer part: digit groups and no leading zero.
    func checkDecimalInteger(_ digits: ArraySlice<UInt8>, at start: Int) throws(TOMLParseError) {
        try checkDigitGroups(digits, radix: 10, at: start)
        if digits.count > 1, digits.first == UInt8(ascii: "0") {
            throw error("invalid number: leading zeros are not allowed", at: start)
        }
    }

    /// The value of `digits` in `radix` (checked here), negated if `negative`; an error if it
    /// does not fit in `Int64`.
    func integer(
        _ digits: ArraySlice<UInt8>, radix: UInt64, negative: Bool, at start: Int
    ) throws(TOMLParseError) -> Int64 {
        try checkDigitGroups(digits, radix: radix, at: start)
        let limit = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        var magnitude: UInt64 = 0
        for byte in digits where byte != UInt8(ascii: "_") {
            let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: radix)
            let next = shifted &+ UInt64(Self.hexDigitValue(byte)!)
            guard !overflow, next >= shifted, next <= limit else {
                throw error("integer out of range", at: start)
            }
            magnitude = next
        }
        if negative { return magnitude == limit ? .min : -Int64(magnitude) }
        return Int64(magnitude)
    }

    /// The float spelled by `token` (`body` is `token` without its sign): an integer part,
    /// then a fraction, an exponent or both.
    func float(_ token: ArraySlice<UInt8>, body: ArraySlice<UInt8>, at start: Int) throws(TOMLParseError) -> Double {
        func isExponentMark(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") }
        let integerEnd = body.firstIndex { $0 == UInt8(ascii: ".") || isExponentMark($0) } ?? body.endIndex
        try checkDecimalInteger(body[..<integerEnd], at: start)
        var rest = body[integerEnd...]
        if rest.first == UInt8(ascii: ".") {
            let fractionEnd = rest.firstIndex(where: isExponentMark) ?? rest.endIndex
            try checkDigitGroups(rest[(rest.startIndex + 1)..<fractionEnd], radix: 10, at: start)
            rest = rest[fractionEnd...]
        }
        if let mark = rest.first, isExponentMark(mark) {
            var exponent = rest.dropFirst()
            if let sign = exponent.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponent = exponent.dropFirst()
            }
            try checkDigitGroups(exponent, radix: 10, at: start)
        } else if !rest.isEmpty {
            throw error("invalid number", at: start)
        }
        let text = String(decoding: token.lazy.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        guard let value = Double(text) else { throw error("invalid number", at: start) }
        return value
    }

    // MARK: Date-times

    /// Whether `count` ASCII digits start at `offset`.
    func isDigits(at offset: Int, count: Int) -> Bool {
        guard offset >= 0, offset + count <= bytes.count else { return false }
        return bytes[offset..<(offset + count)].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// The decimal value of the `count` digits at `offset`, or `nil` if they are not all digits.
    func digitsValue(at offset: Int, count: Int) -> Int? {
        guard isDigits(at: offset, count: count) else { return nil }
        return bytes[offset..<(offset + count)].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// Parses an offset date-time, local date-time, local date or local time (RFC 3339 as
    /// profiled by TOML 1.0: seconds required, `T`, `t` or a space between date and time) and
    /// returns it as its source text after checking every field's range.
    mutating func parseDateTime() throws(TOMLParseError) -> TOMLValue {
        let start = pos
        if byte(at: pos + 4, is: "-") {
            try parseDate()
            let separated = byte(at: pos, is: "T") || byte(at: pos, is: "t")
                || (byte(at: pos, is: " ") && isDigits(at: pos + 1, count: 2) && byte(at: pos + 3, is: ":"))
            if separated {
                pos += 1
                try parseTime()
                try parseOffset()
            }
        } else {
            try parseTime()
        }
        return .datetime(String(decoding: bytes[start..<pos], as: UTF8.self))
    }

    /// Parses `YYYY-MM-DD`, checking the day against the month and leap years.
    mutating func parseDate() throws(TOMLParseError) {
        guard let year = digitsValue(at: pos, count: 4), byte(at: pos + 4, is: "-"),
              let month = digitsValue(at: pos + 5, count: 2), byte(at: pos + 7, is: "-"),
              let day = digitsValue(at: pos + 8, count: 2),
              !isDigits(at: pos + 10, count: 1), (1...12).contains(month)
        else {
            throw error("invalid date")
        }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else { throw error("invalid date") }
        pos += 10
    }

    /// Parses `HH:MM:SS` with an optional fraction of a second.
    mutating func parseTime() throws(TOMLParseError) {
        let start = pos
        guard let hour = digitsValue(at: pos, count: 2), byte(at: pos + 2, is: ":"),
              let minute = digitsValue(at: pos + 3, count: 2), byte(at: pos + 5, is: ":"),
              let second = digitsValue(at: pos + 6, count: 2),
              !isDigits(at: pos + 8, count: 1),
              hour <= 23, minute <= 59, second <= 60
        else {
            throw error("invalid time")
        }
        pos += 8
        if byte(at: pos, is: ".") {
            guard isDigits(at: pos + 1, count: 1) else { throw error("invalid time", at: start) }
            pos += 1
            while isDigits(at: pos, count: 1) { pos += 1 }
        }
    }

    /// Parses an optional `Z` / `z` or `+HH:MM` / `-HH:MM` offset.
    mutating func parseOffset() throws(TOMLParseError) {
        if byte(at: pos, is: "Z") || byte(at: pos, is: "z") {
            pos += 1
        } else if byte(at: pos, is: "+") || byte(at: pos, is: "-") {
            guard let hour = digitsValue(at: pos + 1, count: 2), byte(at: pos + 3, is: ":"),
                  let minute = digitsValue(at: pos + 4, count: 2),
                  !isDigits(at: pos + 6, count: 1), hour <= 23, minute <= 59
            else {
                throw error("invalid time offset")
            }
            pos += 6
        }
    }
}
