import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import ScopeGuide
import Testing
@testable import ScopeGuideServer

/// The answer cache and the validators as a client sees them: every claim is read from the
/// counters at `/metrics` (renders, hits, misses, 304s), never from a time.
@Suite struct GuideCacheTests {
    let frontPath = ServerFixtures.frontPath

    /// The application `serve` builds over `library`, with `caching` and `limits`.
    static func app(library: GuideLibrary = GuideLibrary(.init(catalog: ServerFixtures.catalog)), caching: CachePolicy = CachePolicy(),
                    limits: ServerLimits = ServerLimits()) -> some ApplicationProtocol {
        let router = buildRouter(library: library, base: .fixed(ServerFixtures.fallbackBase), logger: ServerFixtures.quietLogger,
                                 limits: limits, caching: caching)
        return Application(router: router, logger: ServerFixtures.quietLogger)
    }

    @Test("a repeated canonical request is answered from the cache: one render, then hits, the same bytes")
    func repeatedRequest() async throws {
        try await Self.app().test(.router) { client in
            let uri = frontPath + "?actions=front_list_conversations,front_send_message"
            let first = try await client.execute(uri: uri, method: .get)
            #expect(try await client.metrics() .renders == 1)
            for _ in 0..<3 {
                let again = try await client.execute(uri: uri, method: .get)
                #expect(again.status == .ok)
                #expect(again.body == first.body)
            }
            let metrics = try await client.metrics()
            #expect(metrics.renders == 1)
            #expect(metrics.hits == 3)
            #expect(metrics.misses == 1)
            #expect(metrics.values["scopeguide_cache_entries"] == 1)
            // Found by the request's own key: the query of a hit is not even read.
            #expect(metrics.values["scopeguide_work_inline_total"] == 1)
        }
    }

    @Test("requests not in canonical form share the canonical entry: same body and ETag, no second render")
    func canonicalForms() async throws {
        try await Self.app().test(.router) { client in
            let canonical = try await client.execute(uri: frontPath + "?actions=front_list_conversations,front_send_message", method: .get)
            for variant in ["?actions=front_send_message,front_list_conversations", "?actions=front_send_message&actions=front_list_conversations",
                            "?actions=front_send_message%2Cfront_list_conversations,front_send_message", "?separator=space&actions=front_list_conversations,front_send_message"] {
                let response = try await client.execute(uri: frontPath + variant, method: .get)
                #expect(response.status == .ok, "\(variant)")
                #expect(response.body == canonical.body, "\(variant)")
                #expect(response.headers[.eTag] == canonical.headers[.eTag], "\(variant)")
            }
            var metrics = try await client.metrics()
            #expect(metrics.renders == 1)
            #expect(metrics.hits == 4)
            // Asked again, a variant is found by its own key (an alias), before its query is read.
            _ = try await client.execute(uri: frontPath + "?actions=front_send_message,front_list_conversations", method: .get)
            metrics = try await client.metrics()
            #expect(metrics.renders == 1 && metrics.hits == 5)
            // Another format of the same selection is another answer.
            let markdown = try await client.execute(uri: frontPath + ".md?actions=front_list_conversations,front_send_message", method: .get)
            #expect(markdown.headers[.eTag] != canonical.headers[.eTag])
            #expect(try await client.metrics().renders == 2)
        }
    }

    @Test("a hit carries exactly the headers of the miss that stored it", arguments: ["", ".md", ".json"])
    func hitHeaders(suffix: String) async throws {
        try await Self.app().test(.router) { client in
            let uri = frontPath + suffix + "?actions=front_send_message"
            let miss = try await client.execute(uri: uri, method: .get)
            let hit = try await client.execute(uri: uri, method: .get)
            let metrics = try await client.metrics()
            #expect(metrics.renders == 1 && metrics.hits == 1)
            #expect(Self.fields(hit.headers) == Self.fields(miss.headers))
            #expect(miss.headers[.cacheControl] == "public, max-age=0, s-maxage=60")
            #expect(miss.headers[.contentSecurityPolicy] != nil)
            #expect(miss.headers[.vary] == (suffix == ".md" ? nil : "Accept"))
            #expect(hit.body == miss.body)
            let head = try await client.execute(uri: uri, method: .head)
            #expect(Self.fields(head.headers) == Self.fields(miss.headers))
            #expect(head.body.readableBytes == 0)
        }
    }

    /// Every header as name and value, in order, without `Date` (the time of each answer).
    static func fields(_ headers: HTTPFields) -> [String] {
        headers.filter { $0.name != .date }.map { "\($0.name.canonicalName): \($0.value)" }
    }

    @Test("If-None-Match with the current ETag is 304 without a render, with the cache off too; another tag is a 200")
    func notModifiedWithoutRender() async throws {
        try await Self.app(caching: CachePolicy(bytes: 0)).test(.router) { client in
            let uri = frontPath + "?actions=front_list_conversations,front_send_message"
            let first = try await client.execute(uri: uri, method: .get)
            let tag = try #require(first.headers[.eTag])
            for (path, condition) in [(uri, tag), (uri, "W/" + tag), (uri, "\"other\", " + tag),
                                      // Not in canonical form: read, not rendered.
                                      (frontPath + "?actions=front_send_message,front_list_conversations", tag)] {
                let response = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: condition])
                #expect(response.status == .notModified, "\(path) \(condition)")
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.eTag] == tag)
                #expect(response.headers[.cacheControl] == first.headers[.cacheControl])
                #expect(response.headers[.contentSecurityPolicy] != nil)
                #expect(response.headers[.contentType] == nil)
            }
            var metrics = try await client.metrics()
            #expect(metrics.renders == 1)
            #expect(metrics.values["scopeguide_not_modified_without_render_total"] == 4)
            #expect(metrics.hits == 0)
            let other = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: "\"other\""])
            #expect(other.status == .ok && other.body == first.body)
            // `*` matches only a request that has an answer: an unknown action is still a 400.
            let unknown = try await client.execute(uri: frontPath + "?actions=front_nope", method: .get, headers: [.ifNoneMatch: "*"])
            #expect(unknown.status == .badRequest)
            metrics = try await client.metrics()
            #expect(metrics.renders == 2)
        }
    }

    @Test("a cached answer revalidates too: If-None-Match on a hit is 304")
    func notModifiedFromCache() async throws {
        try await Self.app().test(.router) { client in
            let uri = frontPath + ".json?actions=front_send_message"
            let tag = try #require(try await client.execute(uri: uri, method: .get).headers[.eTag])
            let response = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: tag])
            #expect(response.status == .notModified)
            let metrics = try await client.metrics()
            #expect(metrics.renders == 1 && metrics.hits == 1)
        }
    }

    @Test("a reload invalidates every cached answer: the next request renders again")
    func reloadInvalidates() async throws {
        let library = GuideLibrary(.init(catalog: ServerFixtures.catalog))
        try await Self.app(library: library).test(.router) { client in
            let uris = [frontPath + "?actions=front_send_message", frontPath + ".md?actions=front_send_message", frontPath + ".json"]
            for uri in uris + uris { _ = try await client.execute(uri: uri, method: .get) }
            var metrics = try await client.metrics()
            #expect(metrics.renders == 3 && metrics.hits == 3)
            library.replace(with: .init(catalog: ServerFixtures.catalog))
            metrics = try await client.metrics()
            #expect(metrics.values["scopeguide_guides_generation"] == 2)
            for uri in uris { _ = try await client.execute(uri: uri, method: .get) }
            metrics = try await client.metrics()
            #expect(metrics.renders == 6, "every answer rendered anew after the reload")
            #expect(metrics.hits == 3)
            #expect(metrics.values["scopeguide_cache_entries"] == 3)
            #expect(metrics.values["scopeguide_cache_generation"] == 2)
        }
    }

    @Test("the ETag is derived from the guides' fingerprint and the canonical request: equal across instances, new with new guides")
    func tagsAcrossInstances() async throws {
        func tag(fingerprint: String) async throws -> String? {
            let library = GuideLibrary(.init(catalog: ServerFixtures.catalog, fingerprint: fingerprint))
            return try await Self.app(library: library).test(.router) { client in
                try await client.execute(uri: frontPath + "?actions=front_send_message", method: .get).headers[.eTag]
            }
        }
        let first = try await tag(fingerprint: "guides-a"), second = try await tag(fingerprint: "guides-a")
        #expect(first != nil && first == second)
        #expect(try await tag(fingerprint: "guides-b") != first)
        let key = GuideRequestKey.canonical(format: .html, url: try ServerFixtures.frontURL(["front_send_message"]).url)
        #expect(first == EntityTag(fingerprint: "guides-a", key: key).description)
    }

    @Test("the byte bound holds under a stream of distinct URLs")
    func byteBound() async throws {
        let limit = 96 * 1024
        try await Self.app(caching: CachePolicy(bytes: limit)).test(.router) { client in
            for index in 0..<150 {
                let suffix = ["", ".md", ".json"][index % 3]
                let response = try await client.execute(uri: "/connectors/demo/guides/link-account/key\(suffix)?var.subdomain=s\(index)", method: .get)
                #expect(response.status == .ok)
                let metrics = try await client.metrics()
                #expect(try #require(metrics.values["scopeguide_cache_bytes"]) <= limit)
            }
            let metrics = try await client.metrics()
            #expect(metrics.renders == 150)
            #expect(try #require(metrics.values["scopeguide_cache_evictions_total"]) > 0)
            #expect(try #require(metrics.values["scopeguide_cache_bytes"]) > limit / 2)
        }
    }

    @Test("answering hits before the router skips no check: other methods, empty segments and long queries are refused as before")
    func hitsKeepChecks() async throws {
        try await Self.app().test(.router) { client in
            let uri = frontPath + "?actions=front_send_message"
            _ = try await client.execute(uri: uri, method: .get)
            #expect(try await client.execute(uri: uri, method: .post).status == .methodNotAllowed)
            #expect(try await client.execute(uri: "/" + uri, method: .get).status == .permanentRedirect)
            let long = uri + "&" + String(repeating: "x", count: 9000)
            #expect(try await client.execute(uri: long, method: .get).status == .uriTooLong)
            let metrics = try await client.metrics()
            #expect(metrics.hits == 0 && metrics.renders == 1)
        }
    }

    @Test("errors are not cached: each is validated again, and says no-store")
    func errorsNotCached() async throws {
        try await Self.app().test(.router) { client in
            for _ in 0..<2 {
                let response = try await client.execute(uri: frontPath + "?actions=front_nope", method: .get)
                #expect(response.status == .badRequest)
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(response.headers[.eTag] == nil)
            }
            let metrics = try await client.metrics()
            #expect(metrics.hits == 0 && metrics.misses == 2 && metrics.values["scopeguide_cache_entries"] == 0)
        }
    }

    @Test("--shared-max-age 0 keeps tailored answers out of shared caches")
    func privateAnswers() async throws {
        try await Self.app(caching: CachePolicy(sharedMaxAge: 0)).test(.router) { client in
            let response = try await client.execute(uri: frontPath + "?actions=front_send_message", method: .get)
            #expect(response.headers[.cacheControl] == "private, no-cache")
        }
    }

    @Test("small work runs on the request's task, large work on the render pool")
    func inlineAndPooled() async throws {
        try await Self.app().test(.router) { client in
            _ = try await client.execute(uri: frontPath + "?actions=front_send_message", method: .get)
            let many = (0..<60).map { "front_nope\($0)" }.joined(separator: ",")
            _ = try await client.execute(uri: frontPath + "?actions=" + many, method: .get)
            // A percent-encoded connector key is the same connector, and the same estimate.
            _ = try await client.execute(uri: frontPath.replacingOccurrences(of: "/front/", with: "/%66ront/") + "?actions=" + many, method: .get)
            let metrics = try await client.metrics()
            #expect(metrics.values["scopeguide_work_inline_total"] == 1)
            #expect(metrics.values["scopeguide_work_pooled_total"] == 2)
        }
    }
}

/// `/metrics` read as numbers.
struct MetricsReading {
    var values: [String: Int]
    var renders: Int { values["scopeguide_guide_renders_total"] ?? -1 }
    var hits: Int { values["scopeguide_cache_hits_total"] ?? -1 }
    var misses: Int { values["scopeguide_cache_misses_total"] ?? -1 }

    init(_ text: String) {
        values = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let value = Int(parts[1]) { values[String(parts[0])] = value }
        }
    }
}

extension TestClientProtocol {
    func metrics() async throws -> MetricsReading {
        let response = try await execute(uri: "/metrics", method: .get, headers: [:], body: nil)
        return MetricsReading(String(buffer: response.body))
    }
}
