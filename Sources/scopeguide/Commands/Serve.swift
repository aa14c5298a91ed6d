import ArgumentParser
import Foundation
import Logging
import ScopeGuideServer

extension ScopeGuideCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve tailored guides over HTTP for support staff.",
            discussion: """
                Loads every guide once, then \
                answers GET / (the connector index with search), \
                /connectors/<key>/guides/<link-account|connector-profile>/<slug> (the interactive \
                page, tailored by ?actions=, granted=, without=, separator=, whitelabel=, var.<name>=; .md for Markdown, \
                .json or Accept: application/json for the resolution JSON) and /healthz. Logs one \
                line per request; stops cleanly on SIGINT or SIGTERM.

                A connector whose guide source has errors is logged with them and left out: the \
                others are served, its routes answer 503 naming the file and line of each error, \
                the index and /healthz list it as unavailable. --strict refuses to start instead \
                (exit 1), for deploy checks. SIGHUP loads the guides again; a reload that fails \
                (an unreadable folder, a broken site.yaml) keeps the guides in use and logs why.

                Dynamic guide URLs on the pages (the links staff copy for customers) use the site's \
                docsBaseURL from Guides/site.yaml, as 'render' does, so the .md answer equals \
                'scopeguide render … --format md'. --base-url overrides it; \
                --link-to-request-host points them at this server instead.

                Limits (Sources/ScopeGuide/ScopeGuide.docc/Serving.md): a request must arrive whole within \
                --header-timeout, a kept-alive connection with no request is closed after \
                --idle-timeout, at most --max-connections are open (past it, the connection waiting \
                longest for a request is closed to make room), guides and the index render on --render-threads threads with at most \
                --render-queue requests waiting (more get 503), and a request not rendered within \
                --request-timeout gets 503 with Retry-After. An index search has at most 10 words \
                and 256 bytes. Every refusal and timeout is logged with its reason.

                Caching: tailored answers are kept in --cache-size MiB of memory, keyed by the \
                canonical request (a SIGHUP reload empties it); their ETag is derived from the \
                program, the guide sources and the canonical request, so If-None-Match gets 304 \
                without rendering, and two instances over the same guides agree. Cache-Control lets \
                a shared cache keep them --shared-max-age seconds. GET /metrics counts cache hits, \
                misses, renders and 304s. deploy/ runs nginx as a shared cache in front of several \
                instances.

                Example: scopeguide serve --port 8080, then open \
                http://127.0.0.1:8080/connectors/front/guides/link-account/api-token?actions=front_send_message
                """
        )

        @OptionGroup var folder: GuidesFolderOption

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

        @Flag(help: "Refuse to start (exit 1) when any connector's guide source has errors, instead of serving the others.")
        var strict = false

        @Option(help: ArgumentHelp("Seconds a client has to send a whole request before the connection is closed.", valueName: "seconds"))
        var headerTimeout: Double = 10

        @Option(help: ArgumentHelp("Seconds a kept-alive connection may wait for its next request.", valueName: "seconds"))
        var idleTimeout: Double = 30

        @Option(help: ArgumentHelp("Seconds a request may wait for resolution and rendering before it is answered 503 with Retry-After.", valueName: "seconds"))
        var requestTimeout: Double = 10

        @Option(help: ArgumentHelp("Open connections at most: 4096, or the descriptor limit minus 64 when lower.", valueName: "count"))
        var maxConnections: Int = ServerLimits.defaultMaxConnections

        @Option(help: ArgumentHelp("Threads that resolve and render: one per core.", valueName: "count"))
        var renderThreads: Int = ServerLimits.defaultRenderThreads

        @Option(help: ArgumentHelp("Requests that may wait for a render thread; more are answered 503 at once. Default: as many as --max-connections.", valueName: "count"))
        var renderQueue: Int?

        @Option(help: ArgumentHelp("Memory for tailored answers kept to answer again, in MiB (least recently used evicted first); 0 turns the cache off.", valueName: "MiB"))
        var cacheSize: Int = CachePolicy.defaultBytes >> 20

        @Option(help: ArgumentHelp("Seconds a shared cache (a reverse proxy) may keep a tailored answer before revalidating (s-maxage); 0 keeps tailored answers out of shared caches.", valueName: "seconds"))
        var sharedMaxAge: Int = CachePolicy().sharedMaxAge

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port).") }
            guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("Unknown --log-level '\(logLevel)'.") }
            for (name, seconds) in [("--header-timeout", headerTimeout), ("--idle-timeout", idleTimeout), ("--request-timeout", requestTimeout)] {
                guard seconds.isFinite, seconds > 0, seconds <= 86_400 else {
                    throw ValidationError("\(name) must be a number of seconds above 0 and at most 86400, got \(seconds).")
                }
            }
            guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1, got \(maxConnections).") }
            guard (1...1024).contains(renderThreads) else { throw ValidationError("--render-threads must be between 1 and 1024, got \(renderThreads).") }
            guard (0...(1 << 20)).contains(cacheSize) else { throw ValidationError("--cache-size must be between 0 and 1048576 MiB, got \(cacheSize).") }
            guard (0...31_536_000).contains(sharedMaxAge) else { throw ValidationError("--shared-max-age must be between 0 and 31536000 seconds, got \(sharedMaxAge).") }
            guard (renderQueue ?? 0) >= 0 else { throw ValidationError("--render-queue must be 0 or more, got \(renderQueue ?? 0).") }
            if baseURL != nil, linkToRequestHost { throw ValidationError("Give either --base-url or --link-to-request-host, not both.") }
            if let baseURL {
                guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil,
                    url.query == nil, url.fragment == nil
                else { throw ValidationError("--base-url must be an http(s) URL without query or fragment, got '\(baseURL)'.") }
            }
        }

        func run() async throws {
            var options = ServerOptions(
                guides: folder.url, host: host, port: port, baseURL: baseURL, linksToRequestHost: linkToRequestHost,
                logLevel: Logger.Level(rawValue: logLevel) ?? .info,
                limits: ServerLimits(
                    headerTimeout: .seconds(headerTimeout), idleTimeout: .seconds(idleTimeout), requestTimeout: .seconds(requestTimeout),
                    maxConnections: maxConnections, renderThreads: renderThreads, renderQueue: renderQueue ?? maxConnections))
            options.strict = strict
            options.caching = CachePolicy(bytes: cacheSize << 20, sharedMaxAge: sharedMaxAge)
            let app = try buildApplication(options)
            try await app.runService()
        }
    }
}
