import Ccmark
import Foundation
import ScopeGuide

/// The render hot path: the Front guide tailored to five actions, rendered in-process to
/// Markdown, to the HTML fragment and to the HTML page, against `cmark_markdown_to_html` on the
/// very Markdown string ScopeGuide produced (the floor: cmark parsing and rendering that text).
///
/// Rounds interleave the four operations, so a busy machine slows them alike, and each round
/// times a batch of calls to stay well above the clock's resolution. Ratios are of medians from
/// the same run.
struct RenderBenchmark {
    enum Operation: String, CaseIterable {
        case markdown = "md", fragment, page, cmark
    }

    static let selection: [ActionID] = [
        "front_update_conversation", "front_send_message", "front_list_tags", "front_list_contacts", "front_list_events",
    ]

    let renderer: GuideRenderer
    let request: GuideRequest
    /// ScopeGuide's Markdown for `request`: the input of the cmark baseline.
    let markdown: String

    init(guides: String) {
        do {
            let catalog = try CatalogLoader().load(directory: URL(fileURLWithPath: guides)).catalog
            renderer = GuideRenderer(catalog: catalog)
            var request = try catalog.guide(connector: "front")
            try request.select(Self.selection)
            self.request = request
            markdown = renderer.render(request, as: .markdown)
        } catch {
            fail("cannot load the Front guide from \(guides): \(error)")
        }
    }

    @inline(never)
    func perform(_ operation: Operation) -> Int {
        switch operation {
        case .markdown: return renderer.render(request, as: .markdown).utf8.count
        case .fragment: return renderer.render(request, as: .fragment).utf8.count
        case .page: return renderer.render(request, as: .html).utf8.count
        case .cmark: return Self.cmarkToHTML(markdown)
        }
    }

    /// `cmark_markdown_to_html` on `text`, as the `cmark` command does it; returns the HTML's length.
    static func cmarkToHTML(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                guard let html = cmark_markdown_to_html(chars.baseAddress, chars.count, CMARK_OPT_DEFAULT) else { return 0 }
                defer { free(html) }
                return strlen(html)
            }
        }
    }

    func run(rounds: Int, batch: Int) {
        var samples = Dictionary(uniqueKeysWithValues: Operation.allCases.map { ($0, Samples()) })
        var sizes: [Operation: Int] = [:]
        for operation in Operation.allCases { sizes[operation] = perform(operation) }  // warm up, fill caches
        for _ in 0..<rounds {
            for operation in Operation.allCases {
                let total = microseconds { for _ in 0..<batch { _ = perform(operation) } }
                samples[operation]!.append(total / Double(batch))
            }
        }
        let floor = samples[.cmark]!.median
        print("render: Front guide, \(Self.selection.count) actions selected; \(rounds) rounds of \(batch) calls each")
        print("| operation | output bytes | median µs | p90 µs | ratio to cmark |")
        print("|---|---|---|---|---|")
        let names: [Operation: String] = [
            .markdown: "ScopeGuide → Markdown", .fragment: "ScopeGuide → HTML fragment",
            .page: "ScopeGuide → HTML page", .cmark: "cmark_markdown_to_html(same Markdown)",
        ]
        for operation in Operation.allCases {
            let median = samples[operation]!.median
            print("| \(names[operation]!) | \(sizes[operation]!) | \(format(median)) | \(format(samples[operation]!.quantile(0.9))) | \(format(median / floor, digits: 2)) |")
        }
    }

    /// Runs one operation `iterations` times after a warm-up call, for instruction counting:
    /// the difference between runs with N and 0 iterations is N calls' worth.
    func repeatOnly(_ operation: Operation, iterations: Int) {
        var bytes = perform(operation)
        for _ in 0..<iterations { bytes &+= perform(operation) }
        print("\(operation.rawValue): \(iterations) iterations, \(bytes) bytes")
    }
}
