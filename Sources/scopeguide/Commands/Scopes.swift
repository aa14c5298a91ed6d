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

                Example: scopeguide scopes front --actions front_list_conversations,front_send_message
                """
        )

        @OptionGroup var guide: GuideOptions
        @OptionGroup var selection: SelectionOptions

        @Option(help: "text: the scopes joined by the separator; json: scopes, explanation, visible steps, URL.")
        var format: OutputFormat = .text

        @Option(help: ArgumentHelp(
            "Also list up to N other answers as good on privilege levels and scope count, least authority first (what each enables of the catalogue), so a reviewer sees the trade-off.",
            valueName: "N"))
        var alternatives: Int = 0

        func validate() throws {
            guard (0...20).contains(alternatives) else { throw ValidationError("--alternatives takes 0 to 20, not \(alternatives)") }
        }

        func run() throws {
            let catalog = try guide.loadCatalog(url: selection.url)
            let request = try selection.guideRequest(guide, in: catalog)
            let tailored = Tailor(catalog: catalog, alternatives: alternatives).guide(for: request)
            switch format {
            case .text:
                print(request.separator.join(tailored.resolution.scopes))
                if !tailored.resolution.isOptimal {
                    FileHandle.standardError.write(Data("warning: search budget exhausted; these scopes are valid but may not be minimal\n".utf8))
                }
            case .json:
                print(try JSONOutput.encode(ResolutionReport(tailored, url: request.url)))
            }
        }
    }
}
