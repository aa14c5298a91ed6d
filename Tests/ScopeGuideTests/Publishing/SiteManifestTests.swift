import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct SiteManifestTests {
    static func guide(_ text: String, scopes: [String], files: [SiteManifest.File]) -> SiteManifest.Guide {
        var guide = SiteManifest.Guide(
            GuideFrontMatter(try! GuideRenderer(catalog: Fixtures.catalog).tailoredGuide(for: Fixtures.catalog.guide(connector: "front")), site: Site(), url: "https://x/y"),
            files: files)
        guide.title = text
        guide.description = text + "\u{1}\t\"\\/"
        guide.guideURL = "https://docs.example.com/a/b?x=" + text
        guide.scopes = scopes
        return guide
    }

    @Test("json() writes the bytes JSONEncoder writes for the same manifest (sorted keys, pretty, slashes kept), escapes and empty lists included")
    func sameAsJSONEncoder() throws {
        let texts = ["Connect Front", "Ünïcode ✓ 😀", "<b>&amp;</b>", "", "line\nbreak", "\u{7F}\u{2028}"]
        for (index, text) in texts.enumerated() {
            let files = index % 2 == 0 ? [] : [SiteManifest.File(path: "front/link-account/\(text).md", contents: text), SiteManifest.File(path: "a/b.html", contents: "")]
            let manifest = SiteManifest(guides: index == 3 ? [] : [Self.guide(text, scopes: index == 1 ? [] : ["a:read", "events:*:read", text], files: files)])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let expected = String(decoding: try encoder.encode(manifest), as: UTF8.self) + "\n"
            #expect(manifest.json() == expected, "\(text.debugDescription)")
            #expect(try JSONDecoder().decode(SiteManifest.self, from: Data(manifest.json().utf8)) == manifest)
        }
    }
}
