import ArgumentParser
import ScopeGuide

extension ScopeGuideCommand {
    struct URLCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "url",
            abstract: "Print the canonical dynamic guide URL for a selection.",
            discussion: """
                Actions are listed in catalogue order without duplicates. Given --url, prints its \
                canonical form.

                Example: scopeguide url front --actions front_send_message,front_list_conversations
                """
        )

        @OptionGroup var guide: GuideOptions
        @OptionGroup var selection: SelectionOptions

        @Flag(help: "Add whitelabel=1: the guide without the hub part.")
        var whitelabel = false

        func run() throws {
            let catalog = try guide.loadCatalog(url: selection.url)
            var url = try selection.guideURL(guide, in: catalog)
            if whitelabel { url.isWhitelabel = true }
            print(url.description)
        }
    }
}
