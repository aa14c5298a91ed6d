import ArgumentParser
import Foundation
import Logging
import ScopeGuideServer

extension ScopeGuideCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve tailored guides over HTTP for support staff.",
            discussion: """
                Loads every guide once (and stops with the loader's errors if any is broken), then \
                answers GET / (the connector index with search), \
                /connectors/<key>/guides/<link-account|connector-profile>/<slug> (the interactive \
                page, tailored by ?actions=, separator=, whitelabel=, var.<name>=; .md for Markdown, \
                .json or Accept: application/json for the resolution JSON) and /healthz. Logs one \
                line per request; stops cleanly on SIGINT or SIGTERM.

                Dynamic guide URLs on the pages (the links staff copy for customers) use the site's \
                docsBaseURL from Guides/site.yaml, as 'render' does, so the .md answer equals \
                'scopeguide render … --format md'. --base-url overrides it; \
                --link-to-request-host points them at this server instead.

                Example: scopeguide serve --port 8080, then open \
                http://127.0.0.1:8080/connectors/front/guides/link-account/api-token?actions=front_send_message
                """
        )

        @Option(help: "The folder holding the guide sources.")
        var guides: String = "Guides"

        @Option(help: "The address to listen on.")
        var host: String = "127.0.0.1"

        @Option(help: "The port to listen on (0 picks a free one).")
        var port: Int = 8080

        @Option(name: .customLong("base-url"), help: ArgumentHelp("The base of dynamic guide URLs, such as https://guides.example.com (default: the site's docsBaseURL).", valueName: "url"))
        var baseURL: String?

        @Flag(help: "Point dynamic guide URLs at the host each request named (this server is the guides' public home).")
        var linkToRequestHost = false

        @Option(help: "trace, debug, info, notice, warning, error or critical.")
        var logLevel: String = "info"

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port).") }
            guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("Unknown --log-level '\(logLevel)'.") }
            if baseURL != nil, linkToRequestHost { throw ValidationError("Give either --base-url or --link-to-request-host, not both.") }
            if let baseURL {
                guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil,
                    url.query == nil, url.fragment == nil
                else { throw ValidationError("--base-url must be an http(s) URL without query or fragment, got '\(baseURL)'.") }
            }
        }

        func run() async throws {
            let options = ServerOptions(
                guides: URL(fileURLWithPath: guides), host: host, port: port, baseURL: baseURL, linksToRequestHost: linkToRequestHost,
                logLevel: Logger.Level(rawValue: logLevel) ?? .info)
            let app = try buildApplication(options)
            try await app.runService()
        }
    }
}
