import ArgumentParser
import ScopeGuide

/// What `scopeguide import --from` reads; each kind has its importer and its size cap.
enum ImportSource: String, CaseIterable, ExpressibleByArgument {
    /// A StackOne Hub guide page (``StackOnePageImporter``).
    case stackOnePage = "stackone-page"
    /// A Google API discovery document (``GoogleDiscoveryImporter``).
    case googleDiscovery = "google-discovery"
    /// GitHub's fine-grained token permission file (``GitHubFineGrainedImporter``).
    case githubFineGrained = "github-fine-grained"

    /// The largest input read, in bytes, checked before the file is read whole.
    var maximumSize: Int {
        switch self {
        case .stackOnePage: StackOnePageImporter.maximumPageSize
        case .googleDiscovery: GoogleDiscoveryImporter.maximumDocumentSize
        case .githubFineGrained: GitHubFineGrainedImporter.maximumInputSize
        }
    }
}
