import CRedactScan
import Crypto
import Testing
@testable import Redaction

/// The C SHA-256 and HMAC-SHA256 behind keyed fingerprints (`{hash}`): the published test vectors,
/// and agreement with swift-crypto on random keys and messages of every length around the block
/// boundaries.
@Suite struct SHA256Tests {
    static func sha256(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBufferPointer { redact_sha256($0.baseAddress, $0.count, &digest) }
        return Hex.string(digest)
    }

    static func hmac(key: [UInt8], _ message: [UInt8]) -> String {
        var mac = [UInt8](repeating: 0, count: 32)
        key.withUnsafeBufferPointer { k in
            message.withUnsafeBufferPointer { m in redact_hmac_sha256(k.baseAddress, k.count, m.baseAddress, m.count, &mac) }
        }
        return Hex.string(mac)
    }

    /// FIPS 180-4 examples (NIST CSRC "SHA256.pdf") and the million-`a` message.
    @Test func fipsVectors() {
        #expect(Self.sha256([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.sha256(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Self.sha256([UInt8](repeating: 0x61, count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// RFC 4231 test cases 1, 2, 6 and 7 (short key, "Jefe", and keys longer than a block).
    @Test func rfc4231Vectors() {
        #expect(Self.hmac(key: [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8))
            == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(Self.hmac(key: Array("Jefe".utf8), Array("what do ya want for nothing?".utf8))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(Self.hmac(key: [UInt8](repeating: 0xaa, count: 131),
                          Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        let long = "This is a test using a larger than block-size key and a larger than block-size data. "
            + "The key needs to be hashed before being used by the HMAC algorithm."
        #expect(Self.hmac(key: [UInt8](repeating: 0xaa, count: 131), Array(long.utf8))
            == "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }

    /// Every message length from 0 to 300 bytes (all padding cases) and keys of 0 to 150 bytes.
    @Test func agreesWithSwiftCrypto() {
        var generator = SplitMix64(seed: 42)
        for length in 0...300 {
            let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let key = (0..<Int.random(in: 0...150, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(Self.sha256(message) == Hex.string(Array(SHA256.hash(data: message))))
            let expected = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))
            #expect(Self.hmac(key: key, message) == Hex.string(Array(expected)), "length \(length), key \(key.count)")
        }
    }

    /// A fingerprint is the key id and the first 16 bytes of the HMAC of the secret.
    @Test func fingerprintsAreTruncatedHMACs() throws {
        let keyBytes = Array("0123456789abcdef0123456789abcdef-fingerprint-key".utf8)
        let key = try HashKey(bytes: keyBytes)
        let expectedID = Hex.string(Array(SHA256.hash(data: Array("swift-redact key id\u{0}".utf8) + keyBytes)).prefix(4))
        #expect(key.keyID == expectedID)
        let mac = HMAC<SHA256>.authenticationCode(for: Array("hunter2-secret".utf8), using: SymmetricKey(data: keyBytes))
        #expect(key.fingerprint("hunter2-secret") == expectedID + "." + Hex.string(Array(mac).prefix(16)))
    }
}
