import ArgumentParser
import Foundation
import ScopeGuide

/// Which actions to tailor for, as a list or as a dynamic guide URL.
struct SelectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Comma-separated action ids to tailor for; leave out for the full guide.", valueName: "ids"))
    var actions: String?

    @Option(help: ArgumentHelp(
        "A file of action ids to tailor for, separated by commas, spaces or new lines ('-': standard input), for selections too long for one argument.",
        valueName: "file"))
    var actionsFile: String?

    @Option(help: ArgumentHelp("A dynamic guide URL whose connector, guide and selection to use.", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp(
        "Ask for the actions in stages, in order: stages separated by ';', ids by ',' (\"a,b;c\"). Each stage is resolved with the stages before it granted, under the method's grantChange; replaces --actions.",
        valueName: "stages"))
    var stages: String?

    @Option(help: ArgumentHelp(
        "Scopes the customer's credential already has, separated by spaces, commas, semicolons, pipes or new lines: the answer is then what to add.",
        valueName: "scopes"))
    var granted: String?

    @Option(help: ArgumentHelp(
        "Scopes that may not be granted (same separators): the minimum over what remains; actions nothing remaining enables are listed as unavailable.",
        valueName: "scopes"))
    var without: String?

    @Option(help: "How to join scopes: \(Separator.allCases.map(\.rawValue).joined(separator: ", ")) (default: the URL's, else space).")
    var separator: Separator?

    func validate() throws {
        if [actions != nil, actionsFile != nil, url != nil, stages != nil].filter({ $0 }).count > 1 {
            throw ValidationError("Give one of --actions, --actions-file, --stages and --url.")
        }
    }

    /// The ids of `--actions` or `--actions-file`, in the order given (empty: the full guide).
    func actionIDs() throws -> [ActionID] {
        var text = actions ?? ""
        if let actionsFile {
            let data = actionsFile == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: actionsFile)
            guard let data else { throw ValidationError("Cannot read --actions-file '\(actionsFile)'.") }
            guard let decoded = String(data: data, encoding: .utf8) else { throw ValidationError("--actions-file '\(actionsFile)' is not UTF-8 text.") }
            text = decoded
        }
        return text.split { $0 == "," || $0.isWhitespace }.map { ActionID(String($0)) }
    }

    /// ``actionIDs()``, where a comma-separated item of `--actions` that is exactly one action's
    /// label (any case), not an id, stands for that action: `--actions "Send Message"` is what a
    /// reader of the guide types first. Said on standard error, so the id is learnt.
    func actionIDs(labelsOf connector: Connector) throws -> [ActionID] {
        guard let actions, actionsFile == nil else { return try actionIDs() }
        var byLabel: [String: [Action]] = [:]
        for action in connector.actions { byLabel[action.label.lowercased(), default: []].append(action) }
        return actions.split(separator: ",").flatMap { item -> [ActionID] in
            let words = item.split(whereSeparator: \.isWhitespace)
            let label = words.joined(separator: " ").lowercased()
            if words.count > 1, let matches = byLabel[label], matches.count == 1, connector.action(ActionID(String(words[0]))) == nil {
                FileHandle.standardError.write(Data("note: \"\(matches[0].label)\" is the label of \(matches[0].id.rawValue)\n".utf8))
                return [matches[0].id]
            }
            return words.map { ActionID(String($0)) }
        }
    }

    /// The request these options and `guide` name, validated against `catalog`.
    func guideRequest(_ guide: GuideOptions, in catalog: Catalog) throws -> GuideRequest {
        var request: GuideRequest
        if let url {
            request = try GuideRequest(parsing: url, in: catalog)
            if let key = guide.connector, key != request.connector.key {
                throw ValidationError("The URL is for connector '\(request.connector.key)', not '\(key)'.")
            }
        } else {
            guard let key = guide.connector else { throw ValidationError("Missing connector key (or --url).") }
            request = try catalog.guide(connector: key, slug: guide.slug, kind: guide.kind)
            if let stages {
                try request.setStages(stages.split(separator: ";", omittingEmptySubsequences: false).map { stage in
                    stage.split { $0 == "," || $0.isWhitespace }.map { ActionID(String($0)) }
                })
            } else {
                try request.select(try actionIDs(labelsOf: request.connector))
            }
        }
        if granted != nil || without != nil {
            try request.setConstraints(
                granted: granted.map(GuideRequest.scopeNames) ?? request.constraints.granted.map(\.rawValue),
                refused: without.map(GuideRequest.scopeNames) ?? request.constraints.refused.map(\.rawValue))
        }
        if let separator { request.separator = separator }
        return request
    }
}

extension Separator: ExpressibleByArgument {}
