import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import ScopeGuide
import Testing
@testable import ScopeGuideServer

@Suite struct MiddlewareTests {
    var app: some ApplicationProtocol { ServerFixtures.app() }
    let frontPath = ServerFixtures.frontPath

    /// Requests answered with every kind of status the server gives.
    static let requests: [(String, HTTPRequest.Method, HTTPResponse.Status)] = [
        ("/", .get, .ok),
        ("/healthz", .get, .ok),
        ("/assets/guide-page.js", .get, .ok),
        (ServerFixtures.frontPath + "?actions=front_send_message", .get, .ok),
        (ServerFixtures.frontPath + ".md", .head, .ok),
        (ServerFixtures.frontPath + "?actions=nope", .get, .badRequest),
        ("/connectors/nope/guides/link-account/x", .get, .notFound),
        ("/", .post, .methodNotAllowed),
        (ServerFixtures.frontPath + "?actions=" + String(repeating: "a", count: 9000), .get, .uriTooLong),
    ]

    @Test("every response carries the security headers", arguments: requests)
    func securityHeaders(path: String, method: HTTPRequest.Method, status: HTTPResponse.Status) async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: path, method: method) { response in
                #expect(response.status == status)
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("default-src 'none'"))
                #expect(policy.contains("frame-ancestors 'none'"))
                #expect(!policy.contains("unsafe-eval"))
                #expect(!policy.contains("unsafe-inline"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            }
        }
    }

    /// The contents of every `<tag …>…</tag>` element in `html` whose opening tag passes `keep`,
    /// scanning from each element's end (script text may mention "<script" itself).
    static func inlineContents(of tag: String, in html: String, keep: (String) -> Bool = { _ in true }) -> [String] {
        var found: [String] = []
        var rest = html[...]
        while let open = rest.range(of: "<\(tag)"), let close = rest[open.upperBound...].firstIndex(of: ">"),
            let end = rest[close...].range(of: "</\(tag)>") {
            if keep(String(rest[open.upperBound..<close])) { found.append(String(rest[rest.index(after: close)..<end.lowerBound])) }
            rest = rest[end.upperBound...]
        }
        return found
    }

    @Test("the CSP allows the server's own files and names the SHA-256 of each inline script and style the pages carry, nothing else executable")
    func policyMatchesPages() async throws {
        try await app.test(.router) { client in
            for path in [frontPath + "?actions=front_send_message", "/", "/nothing"] {
                let isGuide = path.hasPrefix(frontPath)
                var linked: [String] = []
                try await client.execute(uri: path, method: .get) { response in
                    let policy = try #require(response.headers[.contentSecurityPolicy])
                    #expect(policy.contains("script-src 'self' 'sha256-") && policy.contains("style-src 'self' 'sha256-"))
                    let scripts = Self.inlineContents(of: "script", in: response.text) { !$0.contains("application/json") && !$0.contains("src=") }
                    let styles = Self.inlineContents(of: "style", in: response.text)
                    // Guide pages link the hashed assets; the index and error pages inline the stylesheet.
                    #expect(styles.count == (isGuide ? 0 : 1))
                    #expect(scripts.isEmpty)
                    for text in styles {
                        #expect(policy.contains("style-src 'self' '\(SecurityHeadersMiddleware<BasicRequestContext>.hashSource(text))'"))
                    }
                    if isGuide {
                        linked = ["/assets/" + PageAssets.styleFileName, "/assets/" + PageAssets.scriptFileName]
                        for asset in linked { #expect(response.text.contains("\"\(asset)\""), "\(asset)") }
                    }
                }
                for asset in linked {
                    try await client.execute(uri: asset, method: .get) { response in
                        #expect(response.status == .ok)
                        #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
                    }
                }
            }
        }
    }

    @Test("only GET and HEAD: other methods are 405 with Allow, on known and unknown paths",
          arguments: [HTTPRequest.Method.post, .put, .delete, .patch, .options])
    func methods(method: HTTPRequest.Method) async throws {
        try await app.test(.router) { client in
            for path in ["/", ServerFixtures.frontPath, "/nothing"] {
                try await client.execute(uri: path, method: method) { response in
                    #expect(response.status == .methodNotAllowed)
                    #expect(response.headers[.allow] == "GET, HEAD")
                    #expect(response.text.contains("not \(method.rawValue)"))
                }
            }
        }
    }

    @Test("HEAD answers with GET's headers and no body")
    func head() async throws {
        try await app.test(.router) { client in
            let get = try await client.execute(uri: frontPath + "?actions=front_send_message", method: .get)
            let head = try await client.execute(uri: frontPath + "?actions=front_send_message", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.eTag] == get.headers[.eTag])
            #expect(head.headers[.contentLength] == String(get.body.readableBytes))
            let missing = try await client.execute(uri: "/nothing", method: .head)
            #expect(missing.status == .notFound)
            #expect(missing.body.readableBytes == 0)
        }
    }

    @Test("a query over 8 KiB is 414; one of exactly 8 KiB is read (and here rejected as unknown actions)")
    func queryLength() async throws {
        try await app.test(.router) { client in
            let prefix = "actions="
            let atLimit = prefix + String(repeating: "x,", count: (8192 - prefix.count) / 2)
            #expect(atLimit.utf8.count == 8192)
            try await client.execute(uri: frontPath + "?" + atLimit, method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: frontPath + "?" + atLimit + "y", method: .get) { response in
                #expect(response.status == .uriTooLong)
                #expect(response.text.contains("8193 bytes"))
                #expect(!response.text.contains("xxx"))
            }
        }
    }

    @Test("rendered pages carry an ETag; If-None-Match with it (or W/ or *) is 304 without a body")
    func entityTags() async throws {
        try await app.test(.router) { client in
            let uri = frontPath + "?actions=front_send_message"
            let first = try await client.execute(uri: uri, method: .get)
            let tag = try #require(first.headers[.eTag])
            // Derived from the guides' fingerprint and the canonical request (GuideCacheTests), not the body.
            #expect(tag.utf8.count == 34 && tag.hasPrefix("\"") && tag.hasSuffix("\""))
            #expect(first.headers[.cacheControl] == "public, max-age=0, s-maxage=60")
            for condition in [tag, "W/" + tag, "\"other\", " + tag, "*"] {
                try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: condition]) { response in
                    #expect(response.status == .notModified)
                    #expect(response.body.readableBytes == 0)
                    #expect(response.headers[.eTag] == tag)
                    #expect(response.headers[.contentSecurityPolicy] != nil)
                }
            }
            try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: "\"other\""]) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: frontPath + "?actions=front_get_contact", method: .get) { response in
                #expect(response.headers[.eTag] != tag)
            }
        }
    }

    @Test("/healthz answers ok; assets are cacheable and revalidate by ETag")
    func healthAndAssets() async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == "ok\n")
                #expect(response.headers[.cacheControl] == "no-store")
            }
            for (path, type, text) in [("/assets/guide-page.css", "text/css", PageAssets.stylesheet), ("/assets/guide-page.js", "text/javascript", PageAssets.script)] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "\(type); charset=utf-8")
                #expect(response.headers[.cacheControl] == "public, max-age=86400")
                #expect(response.text == text)
                let tag = try #require(response.headers[.eTag])
                let again = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: tag])
                #expect(again.status == .notModified)
            }
        }
    }

    @Test("the content-hashed assets that built pages link are served with immutable caching")
    func hashedAssets() async throws {
        try await app.test(.router) { client in
            for (name, type, text) in [(PageAssets.styleFileName, "text/css", PageAssets.stylesheet), (PageAssets.scriptFileName, "text/javascript", PageAssets.script)] {
                let response = try await client.execute(uri: "/assets/" + name, method: .get)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "\(type); charset=utf-8")
                #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
                #expect(response.text == text)
            }
            let stale = try await client.execute(uri: "/assets/guide-page.0000000000000000.js", method: .get)
            #expect(stale.status == .notFound)
        }
    }

    @Test("one log line per request: method, path without the query, status and microseconds")
    func requestLog() async throws {
        let handler = InMemoryLogHandler()
        var logger = Logger(label: "test") { _ in handler }
        logger.logLevel = .info
        let app = ServerFixtures.app(logger: logger)
        try await app.test(.router) { client in
            _ = try await client.execute(uri: frontPath + "?actions=front_send_message&var.secret=customer", method: .get)
            _ = try await client.execute(uri: "/nothing", method: .delete)
        }
        let lines = handler.entries.filter { $0.message == "request" }
        #expect(lines.count == 2)
        let first = try #require(lines.first)
        #expect(first.metadata["method"] == "GET")
        #expect(first.metadata["path"] == "\(frontPath)")
        #expect(first.metadata["status"] == "400")
        let micros = Int(first.metadata["duration_us"]?.description ?? "")
        #expect(micros != nil && micros! >= 0)
        #expect(!"\(first)".contains("customer"))
        #expect(lines.last?.metadata["method"] == "DELETE")
        #expect(lines.last?.metadata["status"] == "405")
    }
}

@Suite struct CanonicalPathTests {
    /// The check as it was written first (Foundation's `contains`), the oracle for the byte scan.
    static func reference(_ path: String) -> String? {
        guard path.contains("//") || (path.count > 1 && path.hasSuffix("/")), !path.contains("\\") else { return nil }
        return "/" + path.split(separator: "/").joined(separator: "/")
    }

    @Test("paths with empty segments are redirected exactly as before the byte scan")
    func sameAsReference() {
        var paths = ["/", "", "//", "///", "/a", "/a/", "//a", "/a//b", "/a/b/", "/a\\b//", "/\\host", "/é/", "é", "/a/b", "/x//", "a//b"]
        // Every path of up to five characters over "/", "a" and "\".
        var level = [""]
        for _ in 0..<5 {
            level = level.flatMap { prefix in ["/", "a", "\\"].map { prefix + $0 } }
            paths += level
        }
        for path in paths {
            #expect(CanonicalPathMiddleware<BasicRequestContext>.canonical(path) == Self.reference(path), "\(path)")
        }
    }
}
