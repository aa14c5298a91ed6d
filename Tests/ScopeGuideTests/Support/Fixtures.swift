import Foundation
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Paths and loaded data shared by tests.
enum Fixtures {
    /// The package root, found from this file's path so tests run from any directory.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let guidesDirectory = packageRoot.appendingPathComponent("Guides")

    /// The committed guides, loaded once.
    static let catalog: Catalog = {
        do {
            return try CatalogLoader().load(directory: guidesDirectory).catalog
        } catch {
            fatalError("committed guides do not load:\n\(error)")
        }
    }()

    static var front: Connector { catalog.connector("front")! }

    /// Loads `yaml` as one connector, expecting it to fail; returns the errors.
    static func loadErrors(_ yaml: String) -> [LoadError] {
        do {
            _ = try CatalogLoader().loadConnector(yaml: yaml, file: "test.yaml")
            return []
        } catch {
            return error.loadErrors
        }
    }
}
