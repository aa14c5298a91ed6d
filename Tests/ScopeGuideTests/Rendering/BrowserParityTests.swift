import Foundation
import Testing
@testable import ScopeGuide

/// The page's script must compute what the engine computes (SPEC §4). Each case loads the Front
/// page in headless Chromium with `?actions=…&separator=…`, reads the DOM after the script ran,
/// and compares it with `scopeguide scopes --format json` for the same selection.
@Suite(.serialized) struct BrowserParityTests {
    /// What a reader sees: visible steps with their displayed scopes and badge, the scopes box
    /// and the URL field.
    struct Observed: Equatable, CustomStringConvertible {
        struct StepView: Equatable {
            var title: String
            var displayScopes: [String]
            var badge: [String]
        }

        var steps: [StepView]
        var scopesText: String
        var url: String

        var description: String {
            steps.map { "\($0.title) \($0.displayScopes) badge=\($0.badge)" }.joined(separator: "\n") + "\nscopes=\(scopesText.debugDescription)\nurl=\(url)"
        }
    }

    static func expected(_ report: ResolutionReport) -> Observed {
        Observed(
            steps: report.sections.flatMap { $0.steps.map { Observed.StepView(title: $0.title, displayScopes: $0.displayScopes, badge: $0.badge) } },
            scopesText: report.scopesText, url: report.url)
    }

    /// Reads the DOM that `--dump-dom` printed. Test-side only: the markup is the renderer's own,
    /// so a few patterns find what a reader would see.
    static func observe(_ dom: String) -> Observed {
        var steps: [Observed.StepView] = []
        for section in dom.components(separatedBy: "<section class=\"sg-section\"").dropFirst() {
            let sectionTag = section.prefix { $0 != ">" }
            if sectionTag.contains(" hidden") { continue }
            for step in section.components(separatedBy: "<li class=\"sg-step\"").dropFirst() {
                let stepTag = step.prefix { $0 != ">" }
                if stepTag.contains(" hidden") { continue }
                let title = text(between: "<h3>", and: "</h3>", in: step) ?? ""
                var badge: [String] = []
                if let range = step.range(of: "data-guide-actions-badge=\"\""), !step[range.upperBound...].prefix(while: { $0 != ">" }).contains(" hidden"),
                    let labels = text(between: "<span data-guide-actions-badge-labels=\"\">", and: "</span>", in: step), !labels.isEmpty {
                    badge = labels.components(separatedBy: ", ")
                }
                let display = step.components(separatedBy: "<li data-guide-display-scope=\"").dropFirst().compactMap { item -> String? in
                    let tag = item.prefix { $0 != ">" }
                    return tag.contains(" hidden") ? nil : unescape(String(tag.prefix { $0 != "\"" }))
                }
                steps.append(.init(title: title, displayScopes: display, badge: badge))
            }
        }
        let scopes = text(between: "data-guide-scopes-output=\"\">", and: "</pre>", in: dom) ?? "<missing>"
        let urlTag = dom.components(separatedBy: "<input id=\"sg-url\"").dropFirst().first.map { String($0.prefix { $0 != ">" }) } ?? ""
        let url = text(between: "value=\"", and: "\"", in: urlTag) ?? "<missing>"
        return Observed(steps: steps, scopesText: scopes, url: url)
    }

    private static func text(between start: String, and end: String, in text: String) -> String? {
        guard let open = text.range(of: start), let close = text[open.upperBound...].range(of: end) else { return nil }
        let inner = String(text[open.upperBound..<close.lowerBound])
        return unescape(inner.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression))
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("the Front page's script agrees with the engine on 60 random selections")
    func frontParity() async throws {
        try #require(Chromium.executable != nil, "chromium is not installed; run scripts/setup")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sg-parity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let renderer = GuideRenderer(catalog: Fixtures.catalog)
        let page = directory.appendingPathComponent("front.html")
        try renderer.render(try Fixtures.catalog.guide(connector: "front"), as: .html).write(to: page, atomically: true, encoding: .utf8)

        var generator = SeededGenerator(seed: 0xC4A0_3E)
        let ids = Fixtures.front.actions.map(\.id)
        var cases: [(query: String, expected: Observed)] = []
        for index in 0..<60 {
            // A few empty selections, mostly small ones, some large.
            let size = index < 3 ? 0 : (index % 10 == 0 ? Int.random(in: 20...52, using: &generator) : Int.random(in: 1...6, using: &generator))
            let picked = Array(ids.shuffled(using: &generator).prefix(size))
            var url = try Fixtures.catalog.guide(connector: "front")
            try url.select(picked)
            url.separator = Separator.allCases.randomElement(using: &generator)!
            // Unordered, as a person would type it: the page must canonicalise like the engine.
            let query = (picked.isEmpty ? [] : ["actions=" + picked.map(\.rawValue).joined(separator: ",")])
                + (url.separator == .space ? [] : ["separator=\(url.separator.rawValue)"])
            let tailored = renderer.tailor.guide(for: url)
            cases.append((query.joined(separator: "&"), Self.expected(ResolutionReport(tailored, url: url.url))))
        }

        // Two browsers at a time: the machine has two cores.
        let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            var next = 0
            var collected: [Int: String] = [:]
            func launch(_ index: Int) {
                let address = page.absoluteString + (cases[index].query.isEmpty ? "" : "?" + cases[index].query)
                group.addTask { (index, try await Chromium.runDetached(["--dump-dom"], url: address).stdout) }
            }
            while next < min(2, cases.count) { launch(next); next += 1 }
            while let (index, dom) = try await group.next() {
                collected[index] = dom
                if next < cases.count { launch(next); next += 1 }
            }
            return collected
        }
        for (index, testCase) in cases.enumerated() {
            let dom = try #require(results[index])
            #expect(dom.contains("data-guide-ready=\"1\""), "script did not finish for ?\(testCase.query)")
            let observed = Self.observe(dom)
            #expect(observed == testCase.expected, "?\(testCase.query)\nbrowser:\n\(observed)\nengine:\n\(testCase.expected)")
        }
    }

    /// Every page `build` wrote, opened from disk: each loads its linked stylesheet and script
    /// (a page whose script did not load never sets `data-guide-ready`).
    @Test("every committed page opens from disk with its linked assets and no console errors")
    func everyBuiltPageOpensFromDisk() async throws {
        try #require(Chromium.executable != nil, "chromium is not installed; run scripts/setup")
        let output = Fixtures.packageRoot.appendingPathComponent("Output")
        let pages = OutputWriter(directory: output).existingFiles().filter { $0.hasSuffix(".html") }
        #expect(pages.count == 5)
        for page in pages {
            let url = output.appendingPathComponent(page)
            let html = try String(contentsOf: url, encoding: .utf8)
            #expect(html.contains("assets/" + PageAssets.styleFileName + "\""), "\(page) does not link the stylesheet")
            #expect(!html.contains("<style>"), "\(page) still inlines the stylesheet")
            let run = try await Chromium.runDetached(["--enable-logging=stderr", "--v=0", "--dump-dom"], url: url.absoluteString)
            let consoleErrors = run.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") || $0.contains("ERR_FILE_NOT_FOUND") }
            #expect(consoleErrors.isEmpty, "\(page): \(consoleErrors)")
            if page != "index.html" {
                #expect(run.stdout.contains("data-guide-ready=\"1\""), "\(page): the linked script did not run")
            }
        }
    }

    @Test("the committed Front page opens with no console errors")
    func noConsoleErrors() async throws {
        try #require(Chromium.executable != nil, "chromium is not installed; run scripts/setup")
        let page = Fixtures.packageRoot.appendingPathComponent("Output/front/link-account/api-token.html")
        let run = try await Chromium.runDetached(["--enable-logging=stderr", "--v=0", "--dump-dom"], url: page.absoluteString + "?actions=front_send_message,nope")
        let consoleErrors = run.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
        #expect(consoleErrors.isEmpty, "\(consoleErrors)")
        #expect(run.stdout.contains("data-guide-ready=\"1\""))
        // The unknown id is reported on the page, not dropped silently.
        #expect(run.stdout.contains("nope"))
    }
}
