import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct WebAddressTests {
    static let known = [
        "https://docs.stackone.com/connectors/front/guides/link-account/api-token?actions=front_send_message&granted=a:b,c.d",
        "https://app.frontapp.com/settings/tools/api", "https://x.example/a%20b?q=%C3%A9", "https://x.example",
        "https://x.example/a%2", "https://x.example/a%zz", "https://X.example/", "https://x.example/#top", "https://x.example/a[1]",
        "https://user@x.example/", "https://x.example:8443/", "https://-/", "https:///path", "https://", "http://localhost:8080/x",
        "javascript:alert(1)", "https://x.example/a b", "https://<subdomain>.traffit.com/oauth2/token", "https://x.example/é",
        "https://x.example/{{var}}", "https://x.example/a\"b", "https://x.example/a|b", "https://x.example/a\\b",
    ]

    @Test("the quick https check never says yes where URLComponents says no, and isAllowed answers as the full rule does")
    func quickPathAgrees() {
        var generator = SeededGenerator(seed: 0x0ADD)
        let hostBytes = Array("abcxyz019.-_A@:[]%".unicodeScalars)
        let tailBytes = Array("az09AZ-._~:/?@!$&'()*+,;=%#[]{}<>\"| \\^`é\t".unicodeScalars)
        func random(_ alphabet: [Unicode.Scalar], _ count: Int) -> String {
            String(String.UnicodeScalarView((0..<count).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        var quick = 0
        let texts = Self.known + (0..<2_000).map { _ in
            "https://" + random(hostBytes, Int.random(in: 0...8, using: &generator)) + random(tailBytes, Int.random(in: 0...12, using: &generator))
        }
        for text in texts {
            let full = WebAddress.isAllowedByComponents(text)
            if WebAddress.isPlainHTTPS(text) {
                quick += 1
                #expect(full, "quick yes, URLComponents no: \(text.debugDescription)")
            }
            #expect(WebAddress.isAllowed(text) == full, "\(text.debugDescription)")
        }
        #expect(quick > 30, "the quick path decided \(quick) texts")
        #expect(WebAddress.isPlainHTTPS(Self.known[0]))
    }
}
