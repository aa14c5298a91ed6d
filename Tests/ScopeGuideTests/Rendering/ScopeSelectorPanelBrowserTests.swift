import Foundation
import TestTools
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// The panel in headless Chromium, driven through the DevTools protocol by
/// `scripts/cdp-click-check.py` (issue 27 part 5): removing a chip deselects its action, a
/// variable's value is checked as the engine checks it, the search finds scopes and what they
/// enable, and nothing sticks out sideways at 400 or 1280 px.
@Suite(.serialized) struct ScopeSelectorPanelBrowserTests {
    /// What the driver reports of the page after its steps (the members these tests read).
    struct State: Decodable {
        var ready: String?
        var href: String
        var url: String?
        var scopes: String?
        var checked: [String]
        var selectionCount: String?
        var chips: [String]
        var shownActions: [String]
        var scopeDetails: [[Detail]]
        var scopeMatches: [String]?
        var variableErrors: [String: String]
        var placeholders: [String]
        var scrollWidth: Int

        /// An item of a `[name, level, description]` triple.
        enum Detail: Decodable, Equatable {
            case text(String), number(Int), none
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if container.decodeNil() { self = .none } else if let number = try? container.decode(Int.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
            }
        }
    }

    struct Report: Decodable {
        var after: State
        var clicked: Bool
        var problems: [String]
    }

    /// Writes `connector`'s untailored page (as `render` and `build` write it) into a fresh folder.
    static func writePage(_ connector: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sg-panel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let page = directory.appendingPathComponent("\(connector).html")
        try GuideRenderer(catalog: Fixtures.catalog).render(try Fixtures.catalog.guide(connector: connector), as: .html)
            .write(to: page, atomically: true, encoding: .utf8)
        return page
    }

    /// Runs the driver on `url` with `options` on a dispatch thread (a browser run takes seconds,
    /// which Swift's two-thread cooperative pool should not wait on).
    static func drive(_ url: String, _ options: [String]) async throws -> Report {
        let python = try ExternalTool.python3.required(), chromium = try ExternalTool.chromium.required()
        let (stdout, stderr) = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Data, String), Error>) in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: python)
                    process.arguments = [Fixtures.packageRoot.appendingPathComponent("scripts/cdp-click-check.py").path, "--url", url, "--chromium", chromium] + options
                    let out = Pipe(), err = Pipe()
                    process.standardOutput = out
                    process.standardError = err
                    try process.run()
                    let stdout = out.fileHandleForReading.readDataToEndOfFile()
                    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    process.waitUntilExit()
                    return (stdout, stderr)
                })
            }
        }
        let report = try #require(try? JSONDecoder().decode(Report.self, from: stdout), "the CDP driver failed: \(stderr)")
        #expect(report.after.ready == "1", "the page script did not run: \(report.problems)")
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.clicked)
        return report
    }

    /// The engine's answer for Front with `ids`.
    static func front(_ ids: [ActionID]) throws -> (url: String, scopes: [Scope]) {
        var request = try Fixtures.catalog.guide(connector: "front")
        try request.select(ids)
        let resolution = Resolver(connector: Fixtures.front).resolve(request.selection, for: request.method)
        return (request.url.description, resolution.scopes)
    }

    @Test("removing a chip deselects its action and updates the URL, the address bar, the scopes and their list", .requires(.chromium, .python3))
    func removeChip() async throws {
        let page = try Self.writePage("front")
        defer { try? FileManager.default.removeItem(at: page.deletingLastPathComponent()) }
        let report = try await Self.drive(
            page.absoluteString + "?actions=front_list_conversations,front_create_contact,front_send_message", ["--remove-chip", "front_create_contact"])
        let state = report.after
        let expected = try Self.front(["front_list_conversations", "front_send_message"])
        #expect(state.chips == ["front_list_conversations", "front_send_message"])
        #expect(state.selectionCount == "2 actions selected")
        #expect(state.checked == ["front_list_conversations", "front_send_message"])
        #expect(state.url == expected.url)
        #expect(state.href == page.absoluteString + "?actions=front_list_conversations,front_send_message")
        #expect(state.scopes == expected.scopes.map(\.rawValue).joined(separator: " "))
        // Each scope of the answer, with its level and description from the catalogue.
        let definitions = Dictionary(uniqueKeysWithValues: Fixtures.front.scopeDefinitions.map { ($0.scope, $0) })
        #expect(state.scopeDetails == expected.scopes.map { scope in
            [.text(scope.rawValue), .number(definitions[scope]!.privilege), .text(definitions[scope]!.description ?? "")]
        })
    }

    @Test("a value the variable's pattern refuses shows the engine's message and stays out of the URL; a good one goes in", .requires(.chromium, .python3))
    func variableInput() async throws {
        let page = try Self.writePage("traffit")
        defer { try? FileManager.default.removeItem(at: page.deletingLastPathComponent()) }
        var request = try Fixtures.catalog.guide(connector: "traffit")

        let bad = try await Self.drive(page.absoluteString, ["--variable", "subdomain=Acme Corp"]).after
        let pattern = try #require(Fixtures.catalog.connector("traffit")?.variables.first?.effectivePattern)
        #expect(bad.variableErrors == ["subdomain": GuideURLError.invalidVariable(name: "subdomain", value: "Acme Corp", pattern: pattern).description])
        #expect(bad.url == request.url.description)
        #expect(bad.href == page.absoluteString)
        #expect(bad.placeholders == ["‹subdomain›"])

        let good = try await Self.drive(page.absoluteString, ["--variable", "subdomain=acme"]).after
        try request.setVariables(["subdomain": "acme"])
        #expect(good.variableErrors.isEmpty)
        #expect(good.url == request.url.description)
        #expect(good.href == page.absoluteString + "?var.subdomain=acme")
        // The guide's text now shows the value where it showed the placeholder.
        #expect(good.placeholders == ["acme"])
    }

    @Test("searching a scope lists it and the actions it enables; a description finds its scope and actions", .requires(.chromium, .python3))
    func searchScopes() async throws {
        let page = try Self.writePage("front")
        defer { try? FileManager.default.removeItem(at: page.deletingLastPathComponent()) }
        let search = ActionSearch(connector: Fixtures.front)

        let byName = try await Self.drive(page.absoluteString, ["--search", "contacts:write"]).after
        #expect(byName.scopeMatches == ["contacts:write"])
        let enabled = Set(search.enabled(by: ["contacts:write"]).actions.map(\.id.rawValue))
        try #require(!enabled.isEmpty)
        #expect(byName.shownActions == Fixtures.front.actions.map(\.id.rawValue).filter(enabled.contains))

        // "Send messages" is messages:send's description, not an action's label ("Send Message").
        let byDescription = try await Self.drive(page.absoluteString, ["--search", "send messages"]).after
        #expect(byDescription.scopeMatches == ["messages:send"])
        let needing = Set(Fixtures.front.actions.filter { $0.requirement.mentionedScopes.contains("messages:send") }.map(\.id.rawValue))
        #expect(byDescription.shownActions == Fixtures.front.actions.map(\.id.rawValue).filter(needing.contains))
        #expect(byDescription.shownActions.contains("front_send_message"))
    }

    @Test("no page sticks out sideways at 400 px, nor Gmail's or GitHub's long scope names at 1280 px", .requires(.chromium, .python3),
          arguments: [("front", 400), ("traffit", 400), ("gmail", 400), ("github", 400), ("google-drive", 400), ("capsule", 400), ("gmail", 1280), ("github", 1280)])
    func fitsTheWindow(connector: String, width: Int) async throws {
        let page = try Self.writePage(connector)
        defer { try? FileManager.default.removeItem(at: page.deletingLastPathComponent()) }
        // A selection, so the summary, the scope list and the steps' scope buttons are full.
        let ids = try #require(Fixtures.catalog.connector(connector)).actions.prefix(3).map(\.id.rawValue)
        let state = try await Self.drive(page.absoluteString + "?actions=" + ids.joined(separator: ","), ["--width", String(width)]).after
        #expect(state.chips == ids)
        #expect(state.scrollWidth <= width, "\(connector) at \(width) px is \(state.scrollWidth) px wide")
    }
}
