import ArgumentParser
import Foundation
import ScopeGuide

/// `scopeguide`: tailored connector setup guides from the command line.
@main
struct ScopeGuideCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scopeguide",
        abstract: "Compute minimal OAuth/API scopes for selected actions and tailor connector setup guides.",
        discussion: """
            Guide sources live in Guides/<key>/<key>.connector.yaml. The documentation is in \
            Sources/ScopeGuide/ScopeGuide.docc/ (DocC articles, plain Markdown): GuideFormat.md \
            (every key of a guide source), WriteAGuide.md (a first guide, step by step), \
            Commands.md (each command), DynamicGuideURL.md, BuildingASite.md and Serving.md.

            Exit codes: 0 success; 1 invalid input (unknown connector, action or option, \
            malformed URL, broken guide source); 2 lint errors (check).
            """,
        version: ScopeGuideVersion.current,
        subcommands: [Actions.self, Scopes.self, URLCommand.self, Render.self, Build.self, Check.self, Import.self, Serve.self]
    )

    /// Ends the process with `code`, leaving `values` (a loaded catalogue, a build's caches) to
    /// the process's end instead of releasing them object by object: that teardown ran on one
    /// core after the work was done, 18% of a 500-connector build's wall time. `exit` flushes
    /// standard output.
    static func end(with code: Int32 = 0, keeping values: Any...) -> Never {
        withExtendedLifetime(values) { Foundation.exit(code) }
    }

    /// Runs the command, mapping argument-parser's usage errors (64) to 1, as the exit codes in
    /// the DocC article "Commands" say. Async
    /// because `serve` is; the other commands run synchronously inside it.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            // Help and --version print as argument-parser prints them.
            guard code != .success else { exit(withError: error) }
            // An id or URL in a message may carry ESC, NUL or BEL: they are shown, not sent to the terminal.
            let message = fullMessage(for: error).escapingControlCharacters
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 1 : code.rawValue)
        }
    }
}
