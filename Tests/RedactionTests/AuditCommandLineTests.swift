import Testing
@testable import Redaction

/// auditd's EXECVE and PROCTITLE records: the command line they hold is read by the command
/// rules (``AuditCommandLine``), both ways.
@Suite struct AuditCommandLineTests {
    static func hex(_ text: String) -> String {
        text.utf8.map { byte in
            let digits = Array("0123456789ABCDEF".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
        }.joined()
    }

    static func view(_ line: String) -> (text: String, offsets: [Int32])? {
        var view: [UInt8] = []
        var offsets: [Int32] = []
        let found = Array(line.utf8).withUnsafeBytes { AuditCommandLine.decode($0, into: &view, offsets: &offsets) }
        return found ? (String(decoding: view, as: UTF8.self), offsets) : nil
    }

    @Test func theViewJoinsTheArgumentsAndMapsBack() throws {
        let line = #"type=EXECVE msg=audit(1714361192.426:20839): argc=3 a0="mysql" a1="-uroot" a2=2D7053336372"#
        let (text, offsets) = try #require(Self.view(line))
        #expect(text == "mysql -uroot -pS3cr")
        #expect(offsets.count == text.utf8.count + 1)
        let bytes = Array(line.utf8)
        // `mysql` maps to the bytes inside its quotes; the blank after it to their end.
        #expect(String(decoding: bytes[Int(offsets[0])..<Int(offsets[5])], as: UTF8.self) == "mysql")
        #expect(bytes[Int(offsets[5])] == UInt8(ascii: "\""))
        // Each decoded byte of the hex argument maps to its pair of digits.
        #expect(String(decoding: bytes[Int(offsets[13])..<Int(offsets[19])], as: UTF8.self) == "2D7053336372")
    }

    @Test func proctitleIsTheWholeArgv() throws {
        let line = "type=PROCTITLE msg=audit(1714952713.284:1198): proctitle=" + Self.hex("mysql\0-uroot\0-pS3cr")
        #expect(try #require(Self.view(line)).text == "mysql -uroot -pS3cr")
    }

    @Test(arguments: [
        "type=SYSCALL msg=audit(1714952713.284:1198): arch=c000003e syscall=59 success=yes a0=55d0c1 a1=55d0c2",
        #"type=PROCTITLE msg=audit(1714952713.284:1198): proctitle="bash""#,
        "type=EXECVE msg=audit(1714952713.284:1198): argc=0",
        "plain text with a0=\"x\" but no record type",
    ])
    func otherLinesHaveNoView(_ line: String) {
        #expect(Self.view(line) == nil)
    }

    @Test func secretsInArgumentsAreMasked() {
        let quoted = #"type=EXECVE msg=audit(1714772841.949:79025): argc=5 a0="sshpass" a1="-p" a2="oKAHwHDrVl4qIPcKXoUmcOb" a3="ssh" a4="deploy@10.0.1.5""#
        #expect(TestSupport.redact(quoted, with: TestSupport.builtin)
                == #"type=EXECVE msg=audit(1714772841.949:79025): argc=5 a0="sshpass" a1="-p" a2="***" a3="ssh" a4="deploy@10.0.1.5""#)
        let joined = #"type=EXECVE msg=audit(1714361192.426:20839): argc=4 a0="mysql" a1="-uroot" a2="-pAwrWV-YgOqOYBpWa.Dry" a3="shop""#
        #expect(TestSupport.redact(joined, with: TestSupport.builtin)
                == #"type=EXECVE msg=audit(1714361192.426:20839): argc=4 a0="mysql" a1="-uroot" a2="-p***" a3="shop""#)
        // A hex argument is masked whole; so is a proctitle that holds a secret.
        let encoded = #"type=EXECVE msg=audit(1714952713.284:1198): argc=3 a0="curl" a1="-u" a2="# + Self.hex("admin:Tr0ub 4dor-x9!")
        #expect(TestSupport.redact(encoded, with: TestSupport.builtin)
                == #"type=EXECVE msg=audit(1714952713.284:1198): argc=3 a0="curl" a1="-u" a2=***"#)
        let title = "type=PROCTITLE msg=audit(1714952713.284:1198): proctitle=" + Self.hex("mysql\0-uroot\0-pZq8xW2mL5nR7\0shop")
        #expect(TestSupport.redact(title, with: TestSupport.builtin) == "type=PROCTITLE msg=audit(1714952713.284:1198): proctitle=***")
    }

    @Test(arguments: [
        #"type=EXECVE msg=audit(1714952713.284:1198): argc=3 a0="ls" a1="-la" a2="/tmp""#,
        "type=EXECVE msg=audit(1714952713.284:1198): argc=4 a0=\"git\" a1=\"commit\" a2=\"-m\" a3=" + hex("fix password reset flow"),
        #"type=EXECVE msg=audit(1714952713.284:1198): argc=5 a0="kubectl" a1="get" a2="secret" a3="db-creds" a4="-oyaml""#,
        "type=PROCTITLE msg=audit(1714952713.284:1198): proctitle=" + hex("openssl\0x509\0-in\0/etc/ssl/certs/api.pem\0-noout"),
        "type=PROCTITLE msg=audit(1714952713.284:1198): proctitle=" + hex("mysql\0-uroot\0-p\0shop"),
        #"type=EXECVE msg=audit(1714952713.284:1198): argc=3 a0="psql" a1="-h" a2="db.internal""#,
    ])
    func ordinaryCommandsStay(_ line: String) {
        #expect(TestSupport.redact(line, with: TestSupport.builtin) == line)
    }
}
