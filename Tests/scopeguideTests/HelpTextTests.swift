import Foundation
import Testing

/// `--help` points at the documentation that exists: the DocC articles under
/// `Sources/ScopeGuide/ScopeGuide.docc/`, never the README (which holds no reference any more).
@Suite struct HelpTextTests {
    static let articles = CommandRunner.packageRoot.appendingPathComponent("Sources/ScopeGuide/ScopeGuide.docc")

    /// The subcommands `scopeguide --help` lists.
    static func subcommands(_ help: String) -> [String] {
        guard let start = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        // The section ends at the first empty line ("See 'scopeguide help <subcommand>'…" follows).
        let section = help[start.upperBound...].components(separatedBy: "\n\n").first ?? ""
        return section.split(separator: "\n").compactMap { line in
            // "  scopes                  Print …": a name indented by two spaces; wrapped abstracts are indented further.
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }.filter { $0 != "help" }
    }

    /// The documents a help text names: `Name.md` with a capital first letter, as the articles
    /// are named (not a file a command writes, such as `<slug>.md`).
    static func documents(_ help: String) -> [String] {
        let words = help.split { $0 == " " || $0 == "\n" || $0 == "(" || $0 == ")" || $0 == "," || $0 == ":" }
        return words.map { String($0.hasSuffix(".") ? $0.dropLast() : $0) }.filter { word in
            let name = word.split(separator: "/").last ?? ""
            return name.hasSuffix(".md") && name.first?.isUppercase == true
        }
    }

    @Test("--help of scopeguide and of each command names only DocC articles that exist, and no README")
    func helpPointsAtArticles() async throws {
        let root = try await CommandRunner.runDetached(["--help"])
        #expect(root.status == 0)
        let commands = Self.subcommands(root.stdout)
        #expect(commands.count >= 7 && commands.contains("serve"), "\(commands)")
        var named: [String] = []
        for arguments in [["--help"]] + commands.map { [$0, "--help"] } {
            let help = try await CommandRunner.runDetached(arguments).stdout
            // `build --help` may speak of a site owner's README in the output folder, but no help
            // sends the reader to README.md (or to its old sections, "(README, …)").
            #expect(!help.contains("README.md") && !help.contains("(README"), "\(arguments): \(help)")
            for document in Self.documents(help) {
                let name = document.split(separator: "/").last.map(String.init) ?? document
                #expect(FileManager.default.fileExists(atPath: Self.articles.appendingPathComponent(name).path), "\(arguments) names \(document)")
                named.append(name)
            }
        }
        // The format and the tutorial are where a newcomer starts.
        #expect(named.contains("GuideFormat.md") && named.contains("WriteAGuide.md") && named.contains("Serving.md"), "\(named)")
    }
}
