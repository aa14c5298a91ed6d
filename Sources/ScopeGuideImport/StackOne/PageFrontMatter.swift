import ScopeGuideCore
import Yams

/// The YAML front matter an MDX page may start with (`---`, keys, `---`), as Mintlify's sources
/// and `scopeguide render --format mdx` have it: its `title` names the page as the `# … – StackOne
/// Hub` line of a published page does, and its `description` is the page's summary.
struct PageFrontMatter {
    var title: String?
    var description: String?
    /// The page with the front matter's lines left empty, so lines keep their numbers.
    var body: String
    /// Why the front matter did not read, if it did not.
    var problem: String?

    /// Reads the front matter at the very top of `page` (lines ending in `\n`); a page without
    /// one is all body.
    init(_ page: String) {
        body = page
        guard page.hasPrefix("---\n"), let end = page.range(of: "\n---\n", range: page.index(page.startIndex, offsetBy: 3)..<page.endIndex)
            ?? (page.hasSuffix("\n---") ? page.range(of: "\n---", options: .backwards) : nil)
        else { return }
        let yaml = String(page[page.index(page.startIndex, offsetBy: 4)..<end.lowerBound])
        let lines = page[..<end.upperBound].filter { $0 == "\n" }.count
        body = String(repeating: "\n", count: lines) + page[end.upperBound...]
        do {
            guard let fields = try Yams.load(yaml: yaml) as? [String: Any] else {
                problem = "not a mapping"
                return
            }
            title = fields["title"] as? String
            description = fields["description"] as? String
            if fields["title"] != nil, title == nil { problem = "the title is not a string" }
        } catch {
            problem = "\(error)".split(separator: "\n").first.map(String.init) ?? "not YAML"
        }
    }
}
