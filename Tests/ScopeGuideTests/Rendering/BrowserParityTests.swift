import Foundation
import TestTools
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

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
        /// The visible lines of the grant and refusal report, `key: text`.
        var report: [String] = []

        var description: String {
            steps.map { "\($0.title) \($0.displayScopes) badge=\($0.badge)" }.joined(separator: "\n") + "\nscopes=\(scopesText.debugDescription)\nurl=\(url)\nreport=\(report)"
        }
    }

    static func expected(_ report: ResolutionReport) -> Observed {
        Observed(
            steps: report.sections.flatMap { $0.steps.map { Observed.StepView(title: $0.title, displayScopes: $0.displayScopes, badge: $0.badge) } },
            scopesText: report.scopesText, url: report.url)
    }

    /// `--dump-dom` of each address, two browsers at a time (the machine has two cores).
    static func dumpAll(_ addresses: [String], arguments: [String] = ["--dump-dom"]) async throws -> [String] {
        let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            var next = 0
            var collected: [Int: String] = [:]
            func launch(_ index: Int) {
                let address = addresses[index]
                group.addTask { (index, try await Chromium.runDetached(arguments, url: address).stdout) }
            }
            while next < min(2, addresses.count) { launch(next); next += 1 }
            while let (index, dom) = try await group.next() {
                collected[index] = dom
                if next < addresses.count { launch(next); next += 1 }
            }
            return collected
        }
        return addresses.indices.map { results[$0] ?? "" }
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
        var report: [String] = []
        if let start = dom.range(of: "data-guide-constraint-report"), !dom[start.upperBound...].prefix(while: { $0 != ">" }).contains(" hidden") {
            for line in dom[start.upperBound...].components(separatedBy: "<p data-guide-report=\"").dropFirst() {
                let tag = line.prefix { $0 != ">" }
                if tag.contains(" hidden") { continue }
                let key = String(tag.prefix { $0 != "\"" })
                report.append(key + ": " + (text(between: "<span data-guide-report-text=\"\">", and: "</span>", in: line) ?? ""))
            }
        }
        return Observed(steps: steps, scopesText: scopes, url: url, report: report)
    }

    static func text(between start: String, and end: String, in text: String) -> String? {
        guard let open = text.range(of: start), let close = text[open.upperBound...].range(of: end) else { return nil }
        let inner = String(text[open.upperBound..<close.lowerBound])
        return unescape(inner.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression))
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("the Front page's script agrees with the engine on 60 random selections", .requires(.chromium))
    func frontParity() async throws {
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

        let results = try await Self.dumpAll(cases.map { page.absoluteString + ($0.query.isEmpty ? "" : "?" + $0.query) })
        for (index, testCase) in cases.enumerated() {
            let dom = results[index]
            #expect(dom.contains("data-guide-ready=\"1\""), "script did not finish for ?\(testCase.query)")
            let observed = Self.observe(dom)
            #expect(observed == testCase.expected, "?\(testCase.query)\nbrowser:\n\(observed)\nengine:\n\(testCase.expected)")
        }
    }

    @Test("with grants and refusals the Front page's script shows what the engine renders, and keeps the engine's answer on load", .requires(.chromium))
    func frontConstraintParity() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sg-parity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let renderer = GuideRenderer(catalog: Fixtures.catalog)
        let front = Fixtures.front
        let page = directory.appendingPathComponent("front.html")
        try renderer.render(try Fixtures.catalog.guide(connector: "front"), as: .html).write(to: page, atomically: true, encoding: .utf8)
        #expect(front.scopeDefinitions.contains { $0.privilege != 1 }, "Front has privilege levels")

        var generator = SeededGenerator(seed: 0x15_06)
        let ids = front.actions.map(\.id)
        let defined = front.scopeDefinitions.map(\.scope)
        let separators = [" ", ",", ";", "|", "\n"]
        var addresses: [String] = [], engineAddresses: [String] = [], queries: [String] = []
        for index in 0..<24 {
            let picked = Array(ids.shuffled(using: &generator).prefix(index < 2 ? 0 : Int.random(in: 1...6, using: &generator)))
            let granted = defined.filter { _ in Int.random(in: 0..<4, using: &generator) == 0 }
            let refused = defined.filter { !granted.contains($0) && Int.random(in: 0..<6, using: &generator) == 0 }
            var url = try Fixtures.catalog.guide(connector: "front")
            try url.select(picked)
            try url.setConstraints(granted: granted.map(\.rawValue), refused: refused.map(\.rawValue))
            // Scopes unordered and joined by any separator, as pasted from a provider's console.
            let list = { (scopes: [Scope]) in
                scopes.shuffled(using: &generator).map(\.rawValue).joined(separator: separators.randomElement(using: &generator)!)
                    .addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            }
            let query = ((picked.isEmpty ? [] : ["actions=" + picked.map(\.rawValue).joined(separator: ",")])
                + (granted.isEmpty ? [] : ["granted=" + list(granted)]) + (refused.isEmpty ? [] : ["without=" + list(refused)])).joined(separator: "&")
            // The engine's own page for the URL, read with scripts off: what the script must show.
            let served = directory.appendingPathComponent("served-\(index).html")
            try renderer.render(url, as: .html).write(to: served, atomically: true, encoding: .utf8)
            engineAddresses.append(served.absoluteString)
            addresses.append(page.absoluteString + (query.isEmpty ? "" : "?" + query))
            queries.append(query)
        }
        let expected = try await Self.dumpAll(engineAddresses, arguments: ["--disable-javascript", "--dump-dom"]).map(Self.observe)
        #expect(expected.contains { !$0.report.isEmpty }, "some cases report a grant or refusal")
        #expect(expected.allSatisfy { $0.scopesText != "<missing>" })
        let doms = try await Self.dumpAll(addresses)
        for (index, dom) in doms.enumerated() {
            #expect(dom.contains("data-guide-ready=\"1\""), "script did not finish for ?\(queries[index])")
            let observed = Self.observe(dom)
            #expect(observed == expected[index], "?\(queries[index])\nbrowser:\n\(observed)\nengine:\n\(expected[index])")
            if !queries[index].isEmpty { #expect(dom.contains("data-guide-solved=\"page\""), "the script solved ?\(queries[index]) itself") }
        }

        // The engine's page for a constrained URL opens with the engine's answer, not a new search.
        var url = try Fixtures.catalog.guide(connector: "front")
        try url.select([ids[0], ids[3]])
        try url.setConstraints(granted: [defined[0].rawValue], refused: [defined[2].rawValue])
        let served = directory.appendingPathComponent("served.html")
        let html = renderer.render(url, as: .html)
        try html.write(to: served, atomically: true, encoding: .utf8)
        #expect(html.contains("\"granted\":[") && !html.contains("\"constrained\""))
        let doms2 = try await Self.dumpAll([served.absoluteString + "?" + url.url.query, served.absoluteString + "?actions=" + ids[1].rawValue], arguments: ["--dump-dom"])
        let engineView = try #require(try await Self.dumpAll([served.absoluteString], arguments: ["--disable-javascript", "--dump-dom"]).first)
        #expect(doms2[0].contains("data-guide-solved=\"engine\""))
        #expect(!doms2[0].contains("data-guide-constrained") && !doms2[0].contains("disabled"), "the selector is no longer disabled under constraints")
        #expect(Self.observe(doms2[0]) == Self.observe(engineView))
        // An address asking for another selection is solved by the script.
        #expect(doms2[1].contains("data-guide-solved=\"page\""))
    }

    /// Runs `replayFixture(ScopeGuideEngine, FIXTURE)` of scripts/engine-vectors.js on the
    /// committed engine vectors in a page in headless Chromium, the page's own script loaded
    /// as pages load it, and returns its result as JSON text.
    static func replayInChromium(_ files: [(name: String, text: String)]) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sg-vectors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try PageAssets.script.write(to: directory.appendingPathComponent("guide-page.js"), atomically: true, encoding: .utf8)
        try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("scripts/engine-vectors.js"), encoding: .utf8)
            .write(to: directory.appendingPathComponent("engine-vectors.js"), atomically: true, encoding: .utf8)
        // Each file's text as it is committed: JSON is a JavaScript expression.
        let fixture = "var FIXTURE = {\n" + files.map { "\"\($0.name)\": \($0.text)" }.joined(separator: ",\n") + "};\n"
        try fixture.write(to: directory.appendingPathComponent("fixture.js"), atomically: true, encoding: .utf8)
        try """
            var out = document.getElementById("result");
            try {
              var started = performance.now();
              var result = replayFixture(ScopeGuideEngine, FIXTURE);
              result.ms = Math.round(performance.now() - started);
              out.textContent = JSON.stringify(result);
            } catch (error) {
              out.textContent = "ERROR " + error;
            }

            """.write(to: directory.appendingPathComponent("run.js"), atomically: true, encoding: .utf8)
        let harness = directory.appendingPathComponent("vectors.html")
        try """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>vectors</title></head><body>
            <pre id="result">not run</pre>
            <script src="guide-page.js"></script><script src="engine-vectors.js"></script><script src="fixture.js"></script><script src="run.js"></script>
            </body></html>

            """.write(to: harness, atomically: true, encoding: .utf8)
        let dom = try #require(try await Self.dumpAll([harness.absoluteString]).first)
        return try #require(Self.text(between: "<pre id=\"result\">", and: "</pre>", in: dom), "no result in \(dom.prefix(500))")
    }

    /// Issue 25: the same committed vectors as Swift and Node, in the browser the page runs in
    /// (its RegExp engine, Unicode data and Intl.Segmenter).
    @Test("the page script gives the Swift engine's answer on every committed engine vector, in Chromium", .requires(.chromium))
    func engineVectorsInChromium() async throws {
        let counts = try EngineVectors.committedCaseCounts()
        let total = counts.values.reduce(0, +)
        #expect(total >= 2_000)
        let raw = try await Self.replayInChromium(try EngineVectors.committedFiles())
        struct Result: Decodable {
            struct Counts: Decodable { var cases: Int, passed: Int, failed: Int }
            var cases: Int, passed: Int, failed: Int, ms: Int
            var files: [String: Counts]
            var failures: [String]
            var uncovered: [String]
        }
        let result = try #require(try? JSONDecoder().decode(Result.self, from: Data(raw.utf8)), "\(raw.prefix(2000))")
        print("engine vectors in Chromium: \(result.cases) cases in \(result.files.count) files: \(result.passed) passed, \(result.failed) failed in \(result.ms) ms")
        #expect(result.cases == total)
        #expect(result.failed == 0, "\(result.failures.joined(separator: "\n"))")
        #expect(result.passed == total)
        #expect(result.uncovered.isEmpty, "engine functions no vector file exercises: \(result.uncovered)")
        for (name, count) in counts { #expect(result.files[name]?.passed == count, "\(name)") }
    }

    /// Issue 22: the static Traffit page (its `subdomain` has the pattern `^[a-z0-9-]+$`) took
    /// `?var.x=1` and `?var.subdomain=EVIL..example/x` silently and showed them in its dynamic
    /// URL, which the engine answers with 400. It must report the engine's messages and leave
    /// them out, and keep a value the engine accepts.
    @Test("a static page reports undeclared and invalid variables with the engine's messages and leaves them out of its URL", .requires(.chromium))
    func staticPageRefusesWhatTheEngineRefuses() async throws {
        let catalog = Fixtures.catalog
        let traffit = try #require(catalog.connector("traffit"))
        let variable = try #require(traffit.variables.first { $0.name == "subdomain" })
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sg-vars-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let renderer = GuideRenderer(catalog: catalog)
        let plain = try catalog.guide(connector: "traffit")
        let page = directory.appendingPathComponent("traffit.html")
        try renderer.render(plain, as: .html).write(to: page, atomically: true, encoding: .utf8)

        // What the engine says about each refused value, and the URL it writes for an accepted one.
        let refusedQuery = "var.subdomain=EVIL..example/x&var.x=1"
        var refused = plain
        #expect(throws: GuideURLError.self) { try refused.applyQuery(Substring(refusedQuery)) }
        let messages = [
            GuideURLError.invalidVariable(name: "subdomain", value: "EVIL..example/x", pattern: variable.effectivePattern).description,
            GuideURLError.unknownVariable("x", connector: "traffit", declared: traffit.variables.map(\.name)).description,
        ]
        let action = try #require(traffit.actions.first).id
        var accepted = plain
        try accepted.applyQuery(Substring("actions=\(action.rawValue)&var.subdomain=acme-1"))

        let doms = try await Self.dumpAll([page.absoluteString + "?" + refusedQuery, page.absoluteString + "?actions=\(action.rawValue)&var.subdomain=acme-1"])
        #expect(doms[0].contains("data-guide-ready=\"1\""))
        #expect(Self.observe(doms[0]).url == plain.url.description, "the refused values are left out of the URL")
        // In no URL (the page's variable input is named `var.subdomain`, so the `=` matters).
        #expect(!doms[0].contains("var.x") && !doms[0].contains("var.subdomain="))
        let errorBox = Self.errorBox(doms[0])
        #expect(errorBox.shown)
        #expect(errorBox.lines == messages, "\(errorBox.lines)")

        #expect(Self.observe(doms[1]).url == accepted.url.description)
        #expect(Self.observe(doms[1]).url.hasSuffix("&var.subdomain=acme-1"))
        #expect(!Self.errorBox(doms[1]).shown)
    }

    /// The URL error box of a dumped page: whether it is shown, and its lines.
    static func errorBox(_ dom: String) -> (shown: Bool, lines: [String]) {
        guard let start = dom.range(of: "data-guide-url-error=\"\"") else { return (false, []) }
        let tag = dom[start.upperBound...].prefix { $0 != ">" }
        let text = text(between: ">", and: "</p>", in: String(dom[start.upperBound...])) ?? ""
        return (!tag.contains(" hidden"), text.split(separator: "\n").map(String.init))
    }

    /// Every page `build` wrote, opened from disk: each loads its linked stylesheet and script
    /// (a page whose script did not load never sets `data-guide-ready`).
    @Test("every committed page opens from disk with its linked assets and no console errors", .requires(.chromium))
    func everyBuiltPageOpensFromDisk() async throws {
        let output = Fixtures.packageRoot.appendingPathComponent("Output")
        let pages = OutputWriter(directory: output).existingFiles().filter { $0.hasSuffix(".html") }
        // Nine guides and the index page.
        #expect(pages.count == 10)
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

    @Test("the committed Front page opens with no console errors", .requires(.chromium))
    func noConsoleErrors() async throws {
        let page = Fixtures.packageRoot.appendingPathComponent("Output/connectors/front/guides/link-account/api-token/index.html")
        let run = try await Chromium.runDetached(["--enable-logging=stderr", "--v=0", "--dump-dom"], url: page.absoluteString + "?actions=front_send_message,nope")
        let consoleErrors = run.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
        #expect(consoleErrors.isEmpty, "\(consoleErrors)")
        #expect(run.stdout.contains("data-guide-ready=\"1\""))
        // The unknown id is reported on the page, not dropped silently.
        #expect(run.stdout.contains("nope"))
    }
}
