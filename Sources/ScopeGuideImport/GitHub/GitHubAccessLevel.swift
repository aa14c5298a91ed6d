import ScopeGuideCore

/// The access level a fine-grained personal access token permission is set to, as GitHub's
/// permission file spells it (`"access": "read"`). Each level includes the ones below it.
enum GitHubAccessLevel: String, CaseIterable, Comparable, Hashable, Sendable {
    case read
    case write
    case admin

    /// The scope's privilege level in the guide: read 1, write 2, admin 3.
    var privilege: Int {
        switch self {
        case .read: 1
        case .write: 2
        case .admin: 3
        }
    }

    /// What GitHub's token settings call the level.
    var settingLabel: String {
        switch self {
        case .read: "Read-only"
        case .write: "Read and write"
        case .admin: "Admin"
        }
    }

    static func < (a: Self, b: Self) -> Bool { a.privilege < b.privilege }
}
