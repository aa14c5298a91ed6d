import Foundation
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import ScopeGuide
@testable import ScopeGuideServer

/// The catalogue and applications the server tests share.
enum ServerFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A connector with a patterned variable, for `var.<name>` tests.
    static let demoYAML = """
        key: demo
        name: Demo
        scopeDefinitions: {read: {}, write: {includes: read}}
        actions:
          - {id: demo_read, label: Read, requiredScopes: read}
          - {id: demo_write, label: Write, requiredScopes: write}
        variables:
          subdomain: {label: Subdomain, pattern: "^[a-z0-9-]+$"}
        authentication:
          - key:
              type: custom
              label: Key
              support:
                guides:
                  config:
                    sections:
                      - title: Open https://{{subdomain}}.demo.example
                        steps: [{title: Grant access, scopes: read write}]
        """

    /// The committed Front guide, the renderer's hostile fixture and the demo connector.
    static let catalog: Catalog = {
        do {
            let guides = try CatalogLoader().load(directory: packageRoot.appendingPathComponent("Guides")).catalog
            let hostile = try CatalogLoader().load(directory: packageRoot.appendingPathComponent("Tests/ScopeGuideTests/Fixtures/Guides")).catalog
            let demo = try CatalogLoader().loadConnector(yaml: demoYAML, file: "demo.yaml").connector
            return Catalog(site: guides.site, connectors: guides.connectors + hostile.connectors + [demo])
        } catch {
            fatalError("test guides do not load:\n\(error)")
        }
    }()

    static let renderer = GuideRenderer(catalog: catalog)

    /// What pages fall back to when a request has no usable Host header.
    static let fallbackBase = "http://127.0.0.1:8080"

    /// The application `serve` builds, for this catalogue (`app.test(.router)` opens no socket).
    /// Most tests link to the request's host, so URLs on pages name the test server.
    static func app(baseURL: String? = nil, linksToRequestHost: Bool? = nil, logger: Logger = quietLogger) -> some ApplicationProtocol {
        let options = ServerOptions(
            guides: packageRoot.appendingPathComponent("Guides"), host: "127.0.0.1", port: 8080, baseURL: baseURL,
            linksToRequestHost: linksToRequestHost ?? (baseURL == nil))
        return buildApplication(catalog: catalog, options: options, logger: logger)
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        return logger
    }

    /// The Front guide URL with `ids` selected, based at `base`, as the engine builds it.
    static func frontURL(_ ids: [String], base: String = fallbackBase) throws -> GuideRequest {
        var url = try catalog.guide(connector: "front")
        url.base = base
        try url.select(ids.map { ActionID($0) })
        return url
    }

    static let frontPath = "/connectors/front/guides/link-account/api-token"
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
