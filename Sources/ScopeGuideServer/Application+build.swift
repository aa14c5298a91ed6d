import Foundation
import Hummingbird
import Logging
import ScopeGuide

/// How `scopeguide serve` runs: where the guides are, where to listen, what URLs to print.
public struct ServerOptions: Sendable {
    public var guides: URL
    public var host: String
    public var port: Int
    /// The base of dynamic guide URLs, such as `https://guides.example.com`; `nil` uses the
    /// catalogue's `docsBaseURL` (from `Guides/site.yaml`), as `scopeguide render` does.
    public var baseURL: String?
    /// Point dynamic guide URLs at the host each request named instead (see ``GuideURLBase``):
    /// for a server that is itself the public home of the guides.
    public var linksToRequestHost: Bool
    public var logLevel: Logger.Level

    public init(
        guides: URL, host: String = "127.0.0.1", port: Int = 8080, baseURL: String? = nil,
        linksToRequestHost: Bool = false, logLevel: Logger.Level = .info
    ) {
        self.guides = guides
        self.host = host
        self.port = port
        self.baseURL = baseURL
        self.linksToRequestHost = linksToRequestHost
        self.logLevel = logLevel
    }

    /// Where dynamic guide URLs point: the request's host when ``linksToRequestHost`` (else the
    /// listening address), otherwise ``baseURL``, else the site's docs URL. Links that support
    /// staff copy for a customer must work outside this machine, hence the site's URL by default.
    public func guideURLBase(for site: Site) -> GuideURLBase {
        if linksToRequestHost {
            let host = self.host.contains(":") ? "[\(self.host)]" : self.host
            return .requestHost(fallback: "http://\(host):\(port)")
        }
        return .fixed(baseURL ?? site.docsBaseURL)
    }
}

/// Loads every guide under `options.guides`, then builds the server.
/// - Throws: the loader's ``LoadFailure`` listing every problem, before anything listens.
public func buildApplication(_ options: ServerOptions) throws -> some ApplicationProtocol {
    let logger = makeLogger(options)
    let result = try CatalogLoader().load(directory: options.guides)
    for warning in result.warnings { logger.warning("\(warning)") }
    logger.info("loaded guides", metadata: ["connectors": "\(result.catalog.connectors.count)", "directory": "\(options.guides.path)"])
    return buildApplication(catalog: result.catalog, options: options, logger: logger)
}

/// The server for an already loaded catalogue.
public func buildApplication(catalog: Catalog, options: ServerOptions, logger: Logger? = nil) -> some ApplicationProtocol {
    let logger = logger ?? makeLogger(options)
    let router = buildRouter(catalog: catalog, base: options.guideURLBase(for: catalog.site), logger: logger)
    return Application(
        router: router,
        configuration: .init(address: .hostname(options.host, port: options.port), serverName: "scopeguide"),
        logger: logger)
}

/// The routes and middleware, outermost first: request log, security headers, error pages,
/// GET/HEAD only, query length limit; then `/healthz`, the assets and the guides. HEAD is
/// answered by each GET route without its body.
public func buildRouter(catalog: Catalog, base: GuideURLBase, logger: Logger) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestLogMiddleware(logger: logger))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware(logger: logger))
    router.add(middleware: AllowedMethodsMiddleware())
    router.add(middleware: QueryLengthMiddleware())
    router.get("/healthz") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: "ok\n")))
    }
    router.addRoutes(AssetController<BasicRequestContext>().endpoints)
    router.addRoutes(GuideController<BasicRequestContext>(renderer: GuideRenderer(catalog: catalog), base: base).endpoints)
    return router
}

private func makeLogger(_ options: ServerOptions) -> Logger {
    var logger = Logger(label: "scopeguide")
    logger.logLevel = options.logLevel
    return logger
}
