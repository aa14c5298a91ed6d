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

        @Option(name: .customLong("var"), help: "Add var.<name>=<value>: a customer value for a guide variable, such as subdomain=acme; repeatable.")
        var variables: [VariableAssignment] = []

        func run() throws {
            let catalog = try guide.loadCatalog(url: selection.url)
            var request = try selection.guideRequest(guide, in: catalog)
            if whitelabel { request.isWhitelabel = true }
            try request.setVariables(request.variables.merging(variables.map { ($0.name, $0.value) }) { $1 })
            print(request.url.description)
        }
    }
}
