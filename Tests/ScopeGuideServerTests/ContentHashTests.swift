import Hummingbird
import Testing
@testable import ScopeGuideServer

/// The two places the server hashes content: CSP sources and entity tags.
@Suite struct ContentHashTests {
    @Test("the CSP form is base64 of the SHA-256 digest")
    func hashSource() {
        // echo -n 'abc' | openssl dgst -sha256 -binary | base64
        #expect(SecurityHeadersMiddleware<Hummingbird.BasicRequestContext>.hashSource("abc") == "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
        #expect(SecurityHeadersMiddleware<Hummingbird.BasicRequestContext>.hashSource("") == "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
    }

    @Test("an entity tag is the quoted hex of the digest's first 16 bytes")
    func entityTag() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        #expect(EntityTag(body: Array("abc".utf8)).description == "\"ba7816bf8f01cfea414140de5dae2223\"")
        #expect(EntityTag(body: Array("abd".utf8)) != EntityTag(body: Array("abc".utf8)))
    }
}
