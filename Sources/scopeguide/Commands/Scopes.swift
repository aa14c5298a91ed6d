import ArgumentParser
import Foundation
import ScopeGuide

extension ScopeGuideCommand {
    struct Scopes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the minimal scopes for a selection of actions.",
            discussion: """
                The minimum grants every selected action with the least privilege (fewest scopes \
                granted, counting includes and wildcards, highest privilege levels first), then the \
                fewest scopes, then the least authority (of equally small answers, the one whose \
                grant enables the fewest of the catalogue's actions). With no selection it prints \
                the method's default scopes, or every scope an action needs.

                With --stages "a,b;c" it prints one line per stage: what to ask for at that stage, \
                given the stages before it (see the Consent in stages section of render).

                Example: scopeguide scopes front --actions front_list_conversations,front_send_message
                """
        )

        @OptionGroup var guide: GuideOptions
        @OptionGroup var selection: SelectionOptions

        @Option(help: "text: the scopes joined by the separator; json: scopes, explanation, visible steps, URL.")
        var format: OutputFormat = .text

        @OptionGroup var alternatives: AlternativesOption

        func run() throws {
            let catalog = try guide.loadCatalog(url: selection.url)
            let request = try selection.guideRequest(guide, in: catalog)
            let tailored = Tailor(catalog: catalog, alternatives: alternatives.alternatives).guide(for: request)
            switch format {
            case .text where tailored.stages != nil:
                // One line per stage: what to ask for then (empty when nothing), in stage order.
                let plan = tailored.stages!
                for stage in plan.stages { print(request.separator.join(stage.request)) }
                for (index, stage) in plan.stages.enumerated() where !stage.needsConsent {
                    FileHandle.standardError.write(Data("note: stage \(index + 1): nothing to ask for: the grant so far enables its actions\n".utf8))
                }
                FileHandle.standardError.write(Data("note: \(ConsentStages.totalText(plan))\n".utf8))
            case .text:
                let resolution = tailored.resolution
                print(request.separator.join(resolution.scopes))
                // What the scopes line cannot say, on standard error so scripts keep one line.
                var notes: [String] = []
                if !resolution.unavailable.isEmpty {
                    let actions = tailored.connector.actions(in: try Selection(resolution.unavailable, in: tailored.connector))
                    notes.append("unavailable (no scope left after the refusals enables them): "
                        + actions.map { "\($0.label) (\($0.id.rawValue))" }.joined(separator: ", "))
                }
                if let grant = resolution.grant, grant.add.isEmpty {
                    notes.append("nothing to add: the existing grant enables every selected action"
                        + (resolution.unavailable.isEmpty ? "" : " that can be enabled"))
                } else if resolution.grant == nil, resolution.scopes.isEmpty, !resolution.selection.isEmpty {
                    notes.append("no scope needed: the selected actions need none")
                }
                if let alternatives = resolution.alternatives {
                    for alternative in alternatives {
                        notes.append("equally small: \(request.separator.join(alternative.scopes)) (enables \(alternative.authority) of \(resolution.scopedActionCount) actions; these scopes enable \(resolution.authority))")
                    }
                }
                for note in notes { FileHandle.standardError.write(Data(("note: " + note.escapingControlCharacters + "\n").utf8)) }
                if !tailored.resolution.isOptimal {
                    FileHandle.standardError.write(Data("warning: search budget exhausted; these scopes are valid but may not be minimal\n".utf8))
                }
            case .json:
                // The report's one writer, as `render --format json` and the server's `.json`.
                print(ResolutionReport(tailored, url: request.url).json(), terminator: "")
            }
        }
    }
}
