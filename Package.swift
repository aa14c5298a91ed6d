// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ScopeGuide",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ScopeGuide", targets: ["ScopeGuide"]),
        .executable(name: "scopeguide", targets: ["scopeguide"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // No traits: the server needs neither swift-configuration nor FullFoundation's form coding.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // SHA-256 for CSP hashes and ETags; already in the graph through HummingbirdTesting.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // Debian's libcmark-dev, found through pkg-config; see Sources/Ccmark/shim.h.
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // The engine: catalogue, loading, links, resolution, tailoring, diagnostics and atomic
        // writing. No cmark: everything that parses or renders Markdown is in ScopeGuideRendering.
        .target(
            name: "ScopeGuideCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                // SHA-256 of the sources a connector cache entry was decoded from.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // cmark and what is built on it: Markdown, HTML and MDX rendering, the page and its
        // script, the lint of guide text, and publishing a site.
        .target(
            name: "ScopeGuideRendering",
            dependencies: [
                "ScopeGuideCore", "Ccmark",
                // SHA-256 of built files (manifest.json) and of the hashed page assets.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.process("Rendering/Resources")]
        ),
        // Importers: StackOne's published pages, Google's discovery documents, GitHub's
        // fine-grained permission data.
        .target(
            name: "ScopeGuideImport",
            dependencies: ["ScopeGuideCore", "ScopeGuideRendering", .product(name: "Yams", package: "Yams")]
        ),
        // The library users import: re-exports the three above (Exports.swift) and holds the
        // DocC catalogue, whose landing page lists the public API.
        .target(
            name: "ScopeGuide",
            dependencies: ["ScopeGuideCore", "ScopeGuideRendering", "ScopeGuideImport"]
        ),
        // The HTTP server (`scopeguide serve`): keeps Hummingbird and NIO out of the engine. Not a
        // product: `serve` is its interface, and its types are `package`.
        .target(
            name: "ScopeGuideServer",
            dependencies: [
                "ScopeGuide",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "scopeguide",
            dependencies: [
                "ScopeGuide",
                "ScopeGuideServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Finding Chromium, Node and Python for the tests that run them, and skipping those tests
        // where they are missing (unless CI=true); shared by the two test targets that need them.
        .target(name: "TestTools", path: "Tests/TestTools"),
        .testTarget(
            name: "ScopeGuideTests",
            dependencies: [
                "ScopeGuide", "ScopeGuideCore", "ScopeGuideRendering", "ScopeGuideImport", "Ccmark", "TestTools",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Fixtures", "Rendering/Golden"]
        ),
        .testTarget(
            name: "ScopeGuideServerTests",
            dependencies: [
                "ScopeGuideServer",
                "ScopeGuide",
                "TestTools",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "scopeguideTests",
            dependencies: ["scopeguide", "ScopeGuide"]
        ),
    ]
)

// Benchmarks and fuzz targets stay out of `swift build` and `swift test`, which keeps CI's cold
// build short (Hummingbird does the same with ENABLE_HB_BENCHMARKS). See Benchmarks/README.md
// and Fuzz/README.md for the commands that set these.
if Context.environment["ENABLE_SG_BENCHMARKS"] == "1" {
    package.targets.append(.executableTarget(
        name: "scopeguide-bench",
        dependencies: ["ScopeGuide", "Ccmark"],
        path: "Benchmarks/scopeguide-bench"
    ))
    // Hummingbird with no middleware serving one file from memory: the server benchmark's floor.
    package.targets.append(.executableTarget(
        name: "hummingbird-floor",
        dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
        path: "Benchmarks/hummingbird-floor"
    ))
}

if Context.environment["ENABLE_SG_FUZZING"] == "1" {
    // libFuzzer targets, built with `-sanitize=fuzzer,address` (Fuzz/README.md).
    package.targets.append(.systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"))
    for name in ["FuzzGuideURL", "FuzzCatalogLoader", "FuzzGuideRenderer", "FuzzStackOneImporter", "FuzzShardReceipt", "FuzzConnectorCache"] {
        package.targets.append(.executableTarget(
            name: name,
            dependencies: [
                "ScopeGuide", "Ccmark", "CLibFuzzer", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Fuzz/\(name)"
        ))
    }
}
