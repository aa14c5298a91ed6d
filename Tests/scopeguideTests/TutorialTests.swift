import Foundation
import ScopeGuide
import Testing

/// The tutorial "Write a guide for a new connector" (`ScopeGuide.docc/WriteAGuide.md`), followed
/// as a reader would: its files written in order into an empty guides folder, each version
/// loaded with ``CatalogLoader``, and every `$ scopeguide …` line of its `console` blocks run
/// there, printing what the article says. The minimal scopes it shows are checked against the
/// engine too, and its excerpts against the files they are part of.
@Suite struct TutorialTests {
    static let articleURL = CommandRunner.packageRoot.appendingPathComponent("Sources/ScopeGuide/ScopeGuide.docc/WriteAGuide.md")

    /// One element of the article, in order.
    enum Element {
        /// `<!-- file: PATH -->` then a yaml block: the whole file from here on.
        case file(path: String, text: String)
        /// `<!-- excerpt: PATH -->` then a yaml block: a part of the next whole version of PATH.
        case excerpt(path: String, text: String)
        /// A `console` block: commands (`$ …`), each with the lines it prints.
        case console([(command: String, output: [String])])
    }

    /// The article's marked yaml blocks and its console blocks. Fences of three or more
    /// backticks close on a fence at least as long, as in CommonMark.
    static func elements(_ text: String) throws -> [Element] {
        var elements: [Element] = []
        let lines = text.components(separatedBy: "\n")
        var index = 0
        var marker: (kind: String, path: String)?
        while index < lines.count {
            let line = lines[index]
            if line.hasPrefix("<!-- "), line.hasSuffix(" -->") {
                let inner = line.dropFirst(5).dropLast(4)
                let parts = inner.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, ["file", "excerpt"].contains(parts[0]) { marker = (parts[0], parts[1]) }
                index += 1
                continue
            }
            guard line.hasPrefix("```") else {
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { marker = nil }
                index += 1
                continue
            }
            let fence = String(line.prefix { $0 == "`" })
            let info = line.dropFirst(fence.count).trimmingCharacters(in: .whitespaces)
            var body: [String] = []
            index += 1
            while index < lines.count, !(lines[index].hasPrefix(fence) && lines[index].allSatisfy { $0 == "`" }) {
                body.append(lines[index])
                index += 1
            }
            index += 1
            let block = body.joined(separator: "\n") + "\n"
            switch info {
            case "yaml":
                let mark = try #require(marker, "a yaml block of the tutorial has no <!-- file: --> or <!-- excerpt: --> marker:\n\(block)")
                elements.append(mark.kind == "file" ? .file(path: mark.path, text: block) : .excerpt(path: mark.path, text: block))
            case "console":
                var commands: [(command: String, output: [String])] = []
                for line in body {
                    if line.hasPrefix("$ ") {
                        commands.append((String(line.dropFirst(2)), []))
                    } else if !commands.isEmpty {
                        commands[commands.count - 1].output.append(line)
                    }
                }
                elements.append(.console(commands))
            default:
                break
            }
            marker = nil
        }
        return elements
    }

    /// Whether `actual` lines match `expected`, where a line `…` stands for any lines (none
    /// included); trailing whitespace is ignored.
    static func matches(_ actual: [String], _ expected: [String]) -> Bool {
        let actual = actual.map(trimmingTrailing), expected = expected.map(trimmingTrailing)
        func match(_ a: Int, _ e: Int) -> Bool {
            if e == expected.count { return a == actual.count }
            if expected[e] == "…" { return (a...actual.count).contains { match($0, e + 1) } }
            return a < actual.count && actual[a] == expected[e] && match(a + 1, e + 1)
        }
        return match(0, 0)
    }

    static func trimmingTrailing(_ line: String) -> String {
        String(line.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// Splits a command line at spaces (the tutorial's commands quote nothing).
    static func arguments(_ command: String) -> [String] { command.split(separator: " ").map(String.init) }

    @Test("the tutorial's files load, its excerpts are parts of them, and its commands print what it shows")
    func followTheTutorial() async throws {
        let text = try String(contentsOf: Self.articleURL, encoding: .utf8)
        let elements = try Self.elements(text)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sg-tutorial-\(UUID().uuidString)")
        let guides = root.appendingPathComponent("my-guides")
        try FileManager.default.createDirectory(at: guides, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }

        // Every excerpt is found in the next whole version of its file.
        for (position, element) in elements.enumerated() {
            guard case .excerpt(let path, let excerpt) = element else { continue }
            let next = elements[position...].lazy.compactMap { element -> String? in
                if case .file(path, let whole) = element { return whole }
                return nil
            }.first
            let whole = try #require(next, "the excerpt of \(path) is followed by no whole version of it")
            #expect(whole.contains(excerpt), "this excerpt is not part of the next version of \(path):\n\(excerpt)")
        }

        var files = 0, commands = 0, scopeCommands = 0
        for element in elements {
            switch element {
            case .file(let path, let contents):
                let url = guides.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try contents.write(to: url, atomically: true, encoding: .utf8)
                files += 1
                // The guides folder as it stands loads without a problem.
                let loaded = try CatalogLoader().load(directory: guides)
                #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
            case .excerpt:
                break
            case .console(let lines):
                let catalog = try CatalogLoader().load(directory: guides).catalog
                for (command, output) in lines {
                    var arguments = Self.arguments(command)
                    try #require(arguments.first == "scopeguide", "the tutorial's console blocks run scopeguide only: \(command)")
                    arguments.removeFirst()
                    let result = try await CommandRunner.runDetached(arguments, in: guides, timeout: .seconds(120))
                    let printed = (result.stdout + result.stderr).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    let shown = printed.last == "" ? Array(printed.dropLast()) : printed
                    #expect(Self.matches(shown, output), "`\(command)` printed:\n\(shown.joined(separator: "\n"))\nwhere the tutorial shows:\n\(output.joined(separator: "\n"))")
                    commands += 1
                    // `check` exits 2 exactly when it shows errors, and the findings it shows
                    // are the library's own lint findings.
                    if arguments.first == "check" {
                        let findings = Lint.findings(for: catalog)
                        #expect(output.dropLast() == findings.map(\.description)[...], "\(findings)")
                        #expect(result.status == (findings.contains { $0.severity == .error } ? 2 : 0))
                    } else {
                        #expect(result.status == 0, "\(command): \(result.stderr)")
                    }
                    // The scopes shown are the engine's minimal scopes for that selection.
                    if arguments.first == "scopes" {
                        try Self.checkResolution(arguments, shows: output, in: catalog)
                        scopeCommands += 1
                    }
                }
            }
        }
        // The tutorial's shape: a site file and three versions of the connector file, checks,
        // five selections, a render and a URL.
        #expect(files == 4 && commands >= 10 && scopeCommands == 5, "files \(files), commands \(commands), scopes \(scopeCommands)")
    }

    /// Resolves the selection of a `scopes <key> --guides . --actions a,b [--without s]` command
    /// with the library and compares the scopes with the one line the tutorial shows.
    static func checkResolution(_ arguments: [String], shows output: [String], in catalog: Catalog) throws {
        func value(_ option: String) -> String? {
            arguments.firstIndex(of: option).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        }
        var request = try catalog.guide(connector: arguments[1])
        try request.select((value("--actions") ?? "").split(separator: ",").map { ActionID(String($0)) })
        try request.setConstraints(granted: [], refused: value("--without").map { GuideRequest.scopeNames($0) } ?? [])
        let resolution = GuideRenderer(catalog: catalog).tailor.guide(for: request).resolution
        #expect(resolution.isOptimal)
        #expect([resolution.scopes.map(\.rawValue).joined(separator: " ")] == output, "\(arguments)")
    }

    @Test("the tutorial's implication and alternatives are what the engine resolves")
    func implicationAndAlternatives() throws {
        let elements = try Self.elements(try String(contentsOf: Self.articleURL, encoding: .utf8))
        let final = try #require(elements.last { if case .file("notely/notely.connector.yaml", _) = $0 { true } else { false } })
        guard case .file(_, let yaml) = final else { return }
        let connector = try CatalogLoader().loadConnector(yaml: yaml, file: "notely.connector.yaml").connector
        // `includes` and `anyOf` are both there, as the article promises.
        #expect(connector.scopeDefinitions.first { $0.scope.rawValue == "notes:write" }?.includes.map(\.rawValue) == ["notes:read"])
        #expect(connector.actions.first { $0.id.rawValue == "notely_search_notes" }?.requirement.alternatives.count == 2)
    }

    @Test("the tutorial reader: a line … matches any lines, and a wrong line fails")
    func matcher() {
        #expect(Self.matches(["a", "b", "c"], ["a", "…", "c"]))
        #expect(Self.matches(["a", "c"], ["a", "…", "c"]))
        #expect(Self.matches(["a", "b  "], ["a", "b"]))
        #expect(!Self.matches(["a", "b", "c"], ["a", "c"]))
        #expect(!Self.matches(["a", "b"], ["a", "…", "c"]))
    }
}
