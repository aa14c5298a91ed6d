import ArgumentParser
import Foundation
import ScopeGuide

extension ScopeGuideCommand {
    struct Scopes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the minimal scopes for a selection of actions.",
            discussion: """
                The minimum grants every selected action with the least privilege (fewest scopes \
                granted, counting includes and wildcards), then the fewest scopes. With no \
                selection it prints the method's default scopes, or every scope an action needs.

                Example: scopeguide scopes front --actions front_list_conversations,front_send_message
                """
        )

        @OptionGroup var guide: GuideOptions
        @OptionGroup var selection: SelectionOptions

        @Option(help: "text: the scopes joined by the separator; json: scopes, explanation, visible steps, URL.")
        var format: OutputFormat = .text

        func run() throws {
            let catalog = try guide.loadCatalog(url: selection.url)
            let request = try selection.guideRequest(guide, in: catalog)
            let tailored = Tailor(catalog: catalog).guide(for: request)
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
