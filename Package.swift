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
    ],
    targets: [
        // Debian's libcmark-dev, found through pkg-config; see Sources/Ccmark/shim.h.
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "ScopeGuide",
            dependencies: ["Ccmark", .product(name: "Yams", package: "Yams")],
            resources: [.process("Rendering/Resources")]
        ),
        .executableTarget(
            name: "scopeguide",
            dependencies: [
                "ScopeGuide",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ScopeGuideTests",
            dependencies: ["ScopeGuide", "Ccmark"],
            exclude: ["Fixtures", "Rendering/Golden"]
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
}

if Context.environment["ENABLE_SG_FUZZING"] == "1" {
    // libFuzzer targets, built with `-sanitize=fuzzer,address` (Fuzz/README.md).
    package.targets.append(.systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"))
    for name in ["FuzzGuideURL", "FuzzCatalogLoader", "FuzzGuideRenderer"] {
        package.targets.append(.executableTarget(
            name: name,
            dependencies: ["ScopeGuide", "Ccmark", "CLibFuzzer"],
            path: "Fuzz/\(name)"
        ))
    }
}
