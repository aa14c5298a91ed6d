import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// The decoded-connector cache: a hit must equal a load from the sources, and anything else a
/// cache folder may hold must be a miss.
@Suite struct ConnectorCacheTests {
    /// A cache in a fresh temporary folder (never the user's), for a fixed executable identity.
    static func cache(identity: [UInt8] = [1, 2, 3]) -> ConnectorCache {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sg-cache-\(UUID().uuidString)")
        return ConnectorCache(directory: folder, executableIdentity: identity)
    }

    /// A guides folder holding `files` (paths relative to it).
    static func guides(_ files: [String: String]) throws -> URL {
        let guides = FileManager.default.temporaryDirectory.appendingPathComponent("sg-cache-guides-\(UUID().uuidString)")
        for (path, text) in files {
            let url = guides.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return guides
    }

    /// A connector with extension keys (`x-…`, in the connector file, a part and site.yaml), a
    /// site that differs from the defaults, and a split catalogue.
    static let warningFiles: [String: String] = [
        "site.yaml": "platformName: Acme\nhubName: Portal\nx-flavour: odd\n",
        "demo/demo.connector.yaml": """
            key: demo
            name: Demo
            x-colour: blue
            scopeDefinitions:
              a: {description: A, privilege: 2}
              b: {includes: [a]}
              "x:*": {}
            actions:
              - {id: demo_first, label: First, requiredScopes: a, x-note: ignored}
              - {id: demo_any, label: Any, requiredScopes: {anyOf: [a, "b x:y"]}}
            variables:
              app: {label: App, example: acme, pattern: "[a-z]+"}
            authentication:
              - token:
                  type: oauth2
                  label: OAuth 2.0
                  grantType: authorization_code
                  authorizationUrl: https://acme.example/authorize
                  defaultScopes: [a]
                  configFields:
                    - {key: token, label: Token, secret: true}
                  support:
                    link: https://acme.example/help
                    guides:
                      config:
                        warning: Careful with {{app}}.
                        sections:
                          - title: S
                            content: Text
                            list: [one, two]
                            scopes: [a]
                            steps:
                              - {title: T, content: C, scopes: [a, b], displayScopes: [b]}
                      setup:
                        sections: [{title: Setup, steps: [{title: Only}]}]
            """,
        "demo/z.actions.yaml": "actions:\n  - {id: demo_z, label: Z, requiredScopes: b}\nx-extra: 1\n",
    ]

    /// Loads `key` from the sources and through `cache` twice, and checks the three agree: the
    /// first through the cache is a miss that stores the load, the second a hit.
    static func expectSameThroughCache(_ key: String, in guides: URL, cache: ConnectorCache) throws {
        let source = try CatalogLoader().load(directory: guides, only: [key])
        let miss = try cache.lookup(connector: key, in: guides)
        let hit = try cache.lookup(connector: key, in: guides)
        #expect(miss.origin == .sources)
        #expect(hit.origin == .cache, "\(key) was not cached")
        for result in [miss.result, hit.result] {
            #expect(result.catalog == source.catalog, "\(key): the connector or site differs")
            #expect(result.warnings == source.warnings, "\(key): the warnings differ")
        }
    }

    @Test("every committed guide, the fixtures and a connector with extension keys load the same from the cache as from the sources")
    func committedAndFixtureGuides() throws {
        let cache = Self.cache()
        defer { try? FileManager.default.removeItem(at: cache.directory) }
        for key in ["front", "capsule", "traffit"] {
            try Self.expectSameThroughCache(key, in: Fixtures.guidesDirectory, cache: cache)
        }
        try Self.expectSameThroughCache("hostile", in: Fixtures.packageRoot.appendingPathComponent("Tests/ScopeGuideTests/Fixtures/Guides"), cache: cache)
        let guides = try Self.guides(Self.warningFiles)
        defer { try? FileManager.default.removeItem(at: guides) }
        #expect(try CatalogLoader().load(directory: guides, only: ["demo"]).warnings.isEmpty)
        try Self.expectSameThroughCache("demo", in: guides, cache: cache)
    }

    @Test("the generated 11,000-action catalogue, in one file and in five, loads the same from the cache", arguments: [1, 5])
    func largeCatalogue(parts: Int) throws {
        let cache = Self.cache()
        let guides = try LargeCatalogue.write(LargeCatalogue.files(parts: parts))
        defer {
            try? FileManager.default.removeItem(at: cache.directory)
            try? FileManager.default.removeItem(at: guides)
        }
        try Self.expectSameThroughCache("graph", in: guides, cache: cache)
    }

    @Test("a model written in code, with every optional field set and unset, reads back equal")
    func everyField() throws {
        let guide = Guide(warning: "W", sections: [
            Section(title: "S", content: "C", list: ["l"], scopes: ["a"], steps: [Step(title: "T", content: nil, list: [], scopes: ["a"], displayScopes: ["b", "a"])]),
        ])
        let full = AuthMethod(
            key: "oauth", kind: .oauth2, label: "OAuth 2.0", grantType: .clientCredentials, authorizationURL: "https://a.example/auth",
            tokenURL: "https://a.example/token", defaultScopes: [], scopeDelimiter: ",",
            configFields: [Field(key: "k", label: "K", type: "password", isRequired: false, isSecret: true)],
            setupFields: [Field(key: "s", label: "S")], supportLink: "https://a.example", guides: [.config: guide, .setup: Guide(sections: [])])
        let bare = AuthMethod(key: "token", kind: .custom, label: "Token é 🙂")
        let connector = Connector(
            key: "k", name: "Name", scopeDefinitions: [ScopeDefinition(scope: "a", description: "d", includes: ["b"], privilege: 9), ScopeDefinition(scope: "b")],
            actions: [Action(id: "k_one", label: "One", requirement: Requirement(alternatives: [["a"], ["a", "b"]])), Action(id: "k_none", label: "None", requirement: Requirement(alternatives: []))],
            methods: [full, bare], variables: [Variable(name: "v", label: "V"), Variable(name: "w", label: "W", example: "e", pattern: "p")])
        let site = Site(platformName: "P", hubName: "H", docsBaseURL: "https://d.example", callbackURLPattern: "https://c.example/{{connector}}", whitelabelName: "")
        let warning = LoadError(location: SourceLocation(file: "f.yaml", line: 3, column: 7), keyPath: "a.b", reason: .unknownKey("b", suggestions: ["a", "c"]))
        let entry = CachedConnector(site: site, connector: connector, warnings: [warning])
        let bytes = try #require(entry.encoded())
        #expect(try bytes.withUnsafeBytes { try CachedConnector(decoding: $0) } == entry)
    }

    @Test("a warning of a kind the format does not hold makes the load uncacheable rather than wrong")
    func unencodableWarning() {
        let error = LoadError(location: SourceLocation(file: "f", line: 1, column: 1), keyPath: "", reason: .missingLabel)
        #expect(CachedConnector(site: Site(), connector: Fixtures.front, warnings: [error]).encoded() == nil)
    }

    @Test("every strict prefix of a payload fails to read, and damaged payloads fail or read without crashing")
    func payloadBoundsChecks() throws {
        let bytes = try #require(CachedConnector(site: Site(), connector: Fixtures.front, warnings: []).encoded())
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 997)) {
            #expect(throws: BinaryReader.Failure.self) { try Array(bytes[..<length]).withUnsafeBytes { try CachedConnector(decoding: $0) } }
        }
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<2_000 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            // Without the entry's digest a flipped byte inside a string reads as another string;
            // what matters here is that no length or index reads out of bounds.
            _ = try? damaged.withUnsafeBytes { try CachedConnector(decoding: $0) }
        }
    }

    /// `FuzzConnectorCache` mutates its seed; a seed of an older format is refused at once, so the
    /// fuzzer would never reach an accepted payload (the seed was format 2 until format 6).
    /// Regenerate it as Fuzz/README.md says when ``ConnectorCache/formatVersion`` changes.
    @Test("the fuzz seed Fuzz/Corpus/FuzzConnectorCache/front-payload.bin is a payload of the current format")
    func fuzzSeedIsCurrent() throws {
        let seed = try Data(contentsOf: Fixtures.packageRoot.appendingPathComponent("Fuzz/Corpus/FuzzConnectorCache/front-payload.bin"))
        let entry = try seed.withUnsafeBytes { try CachedConnector(decoding: $0) }
        #expect(entry.connector.key == "front")
        #expect(entry.encoded() == Array(seed))
    }

    @Test("a truncated, flipped, foreign or empty entry file is a miss that loads the sources and rewrites the entry")
    func damagedEntries() throws {
        let cache = Self.cache()
        let guides = try Self.guides(Self.warningFiles)
        defer {
            try? FileManager.default.removeItem(at: cache.directory)
            try? FileManager.default.removeItem(at: guides)
        }
        let source = try CatalogLoader().load(directory: guides, only: ["demo"])
        _ = try cache.lookup(connector: "demo", in: guides)
        let entry = cache.entryURL(folder: "demo", guides: guides)
        let good = try Data(contentsOf: entry)
        var generator = SeededGenerator(seed: 7)
        var misses = 0
        for round in 0..<300 {
            var bytes = [UInt8](good)
            switch round % 4 {
            case 0: bytes = Array(bytes[..<Int.random(in: 0..<bytes.count, using: &generator)])
            case 1: bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            case 2: bytes = (0..<Int.random(in: 0...200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            default: bytes = bytes.map { $0 ^ (Int.random(in: 0..<50, using: &generator) == 0 ? 0x20 : 0) }
            }
            try Data(bytes).write(to: entry)
            let loaded = try cache.lookup(connector: "demo", in: guides)
            #expect(loaded.result.catalog == source.catalog)
            #expect(loaded.result.warnings == source.warnings)
            if loaded.origin == .sources {
                misses += 1
                // The miss put a good entry back.
                #expect(try Data(contentsOf: entry) == good)
            }
        }
        // Every change above makes the bytes differ, and each must be a miss.
        #expect(misses == 300)
        try FileManager.default.removeItem(at: entry)
        #expect(try cache.lookup(connector: "demo", in: guides).origin == .sources)
    }

    @Test("a change to any source's bytes, a new part, a new site.yaml or another executable is a miss; touching a file is not")
    func invalidation() throws {
        let cache = Self.cache()
        var files = Self.warningFiles
        files["site.yaml"] = nil
        let guides = try Self.guides(files)
        defer {
            try? FileManager.default.removeItem(at: cache.directory)
            try? FileManager.default.removeItem(at: guides)
        }
        func expectMissThenHit(_ change: String) throws {
            let source = try CatalogLoader().load(directory: guides, only: ["demo"])
            let miss = try cache.lookup(connector: "demo", in: guides)
            #expect(miss.origin == .sources, "\(change) was not a miss")
            #expect(miss.result.catalog == source.catalog && miss.result.warnings == source.warnings)
            #expect(try cache.lookup(connector: "demo", in: guides).origin == .cache, "\(change): no hit after the miss")
        }
        try expectMissThenHit("the first load")
        let part = guides.appendingPathComponent("demo/z.actions.yaml")
        try "actions:\n  - {id: demo_z, label: Zed, requiredScopes: b}\n".write(to: part, atomically: true, encoding: .utf8)
        try expectMissThenHit("a part's new label")
        try "actions: []\n".write(to: guides.appendingPathComponent("demo/a.actions.yaml"), atomically: true, encoding: .utf8)
        try expectMissThenHit("a new part")
        try "platformName: Other\n".write(to: guides.appendingPathComponent("site.yaml"), atomically: true, encoding: .utf8)
        try expectMissThenHit("a new site.yaml")
        #expect(try cache.lookup(connector: "demo", in: guides).result.catalog.site.platformName == "Other")

        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 3600)], ofItemAtPath: part.path)
        #expect(try cache.lookup(connector: "demo", in: guides).origin == .cache)

        let rebuilt = ConnectorCache(directory: cache.directory, executableIdentity: [9, 9])
        #expect(try rebuilt.lookup(connector: "demo", in: guides).origin == .sources)
        #expect(try rebuilt.lookup(connector: "demo", in: guides).origin == .cache)
        #expect(try cache.lookup(connector: "demo", in: guides).origin == .sources)
    }

    @Test("a load with errors is never cached and reports them from the sources, even after a good load was")
    func errorsGoThroughTheSources() throws {
        let cache = Self.cache()
        let guides = try Self.guides(Self.warningFiles)
        defer {
            try? FileManager.default.removeItem(at: cache.directory)
            try? FileManager.default.removeItem(at: guides)
        }
        _ = try cache.lookup(connector: "demo", in: guides)
        try "actions:\n  - {id: demo_z, label: Z, requiredScopes: nope}\n".write(to: guides.appendingPathComponent("demo/z.actions.yaml"), atomically: true, encoding: .utf8)
        let expected = #expect(throws: DiagnosticsError.self) { try CatalogLoader().load(directory: guides, only: ["demo"]) }
        for _ in 0..<2 {
            let failure = #expect(throws: DiagnosticsError.self) { try cache.lookup(connector: "demo", in: guides) }
            #expect(failure == expected)
            let location = try #require(failure?.loadErrors.first?.location)
            #expect(location.file.hasSuffix("/demo/z.actions.yaml") && location.line == 2 && location.column == 44)
        }
    }

    @Test("the cache folder follows SCOPEGUIDE_NO_CACHE, SCOPEGUIDE_CACHE_DIR, XDG_CACHE_HOME and HOME, in that order")
    func standardDirectory() {
        #expect(ConnectorCache.standardDirectory(environment: ["HOME": "/h"])?.path == "/h/.cache/scopeguide")
        #expect(ConnectorCache.standardDirectory(environment: ["HOME": "/h", "XDG_CACHE_HOME": "/x"])?.path == "/x/scopeguide")
        #expect(ConnectorCache.standardDirectory(environment: ["HOME": "/h", "XDG_CACHE_HOME": "relative"])?.path == "/h/.cache/scopeguide")
        #expect(ConnectorCache.standardDirectory(environment: ["HOME": "/h", "XDG_CACHE_HOME": "/x", "SCOPEGUIDE_CACHE_DIR": "/c"])?.path == "/c")
        #expect(ConnectorCache.standardDirectory(environment: ["SCOPEGUIDE_CACHE_DIR": "/c", "SCOPEGUIDE_NO_CACHE": "1"]) == nil)
        #expect(ConnectorCache.standardDirectory(environment: [:]) == nil)
    }

    @Test("an entry larger than the cap, or a link, is a miss without being read; a FIFO does not block")
    func oversizedEntries() throws {
        let cache = Self.cache()
        let guides = try Self.guides(Self.warningFiles)
        defer {
            try? FileManager.default.removeItem(at: cache.directory)
            try? FileManager.default.removeItem(at: guides)
        }
        _ = try cache.lookup(connector: "demo", in: guides)
        let entry = cache.entryURL(folder: "demo", guides: guides)
        let good = try Data(contentsOf: entry)
        // The good entry's header, then a hole up to one byte past the cap: sparse, so cheap to make.
        let handle = try FileHandle(forWritingTo: entry)
        try handle.truncate(atOffset: UInt64(ConnectorCache.maximumEntrySize + 1))
        try handle.close()
        #expect(try cache.lookup(connector: "demo", in: guides).origin == .sources)
        #expect(try Data(contentsOf: entry) == good)

        // A link at the entry's path is not followed, and is replaced by a real entry.
        let elsewhere = cache.directory.appendingPathComponent("elsewhere.bin")
        try good.write(to: elsewhere)
        try FileManager.default.removeItem(at: entry)
        try FileManager.default.createSymbolicLink(at: entry, withDestinationURL: elsewhere)
        #expect(try cache.lookup(connector: "demo", in: guides).origin == .sources)
        #expect(try FileManager.default.attributesOfItem(atPath: entry.path)[.type] as? FileAttributeType == .typeSymbolicLink)

        try FileManager.default.removeItem(at: entry)
        #expect(mkfifo(entry.path, 0o600) == 0)
        #expect(try cache.lookup(connector: "demo", in: guides).origin == .sources)
    }
}
