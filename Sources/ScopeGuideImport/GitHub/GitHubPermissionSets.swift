import ScopeGuideCore

/// Endpoints whose fine-grained permissions are known as GitHub's REST reference gives them:
/// "permission sets", any one of which is enough, each needing all of its permissions.
///
/// The permission file cannot say this. GitHub's generator (github/docs,
/// `src/github-apps/scripts/sync.ts`) writes one entry per permission of each permission set,
/// flagged `additional-permissions` when there is more than one set or a set of more than one
/// permission; an endpoint listed under two permissions may need both (one set) or either (two
/// sets). So the importer needs all of an endpoint's permissions unless this table gives its
/// sets (a guide that asks for too much still works; one that asks for too little does not).
///
/// An entry applies only when its permissions and access levels are exactly the ones the file
/// lists for the endpoint (Metadata aside); otherwise the file has changed since the entry was
/// written, and the importer keeps all of them and says so in the guide. Each entry names where
/// its sets were read. Entries with one set record endpoints whose reference confirms that all
/// of the permissions are needed.
struct GitHubPermissionSets: Hashable, Sendable {
    /// A permission at an access level.
    struct Grant: Hashable, Sendable {
        var permission: String
        var access: GitHubAccessLevel
    }

    /// The method, lowercase as in the file (`patch`).
    var verb: String
    var path: String
    /// Any one set is enough; a set needs all of its grants.
    var sets: [[Grant]]
    /// Where the sets were read.
    var source: String

    /// Whether the reference gives alternatives (rather than confirming that all are needed).
    var isAnyOf: Bool { sets.count > 1 }

    /// Every grant of every set, for comparing with the file.
    var grants: Set<Grant> { Set(sets.joined()) }

    /// The entry for an endpoint, if the table has one.
    static func entry(verb: String, path: String) -> GitHubPermissionSets? { byEndpoint["\(verb) \(path)"] }

    private static let byEndpoint = Dictionary(known.map { ("\($0.verb) \($0.path)", $0) }, uniquingKeysWith: { first, _ in first })

    // MARK: The table

    private static func either(_ a: String, _ b: String, _ access: GitHubAccessLevel) -> [[Grant]] {
        [[Grant(permission: a, access: access)], [Grant(permission: b, access: access)]]
    }

    private static let reference = "https://docs.github.com/en/rest"
    private static let seen = "\"at least one of the following permission sets\", read in a stored copy of the page"
    private static let sourceNotes = "scripts/data/github/SOURCE.md, from GitHub's REST reference"

    private static let issuesOrPulls: [GitHubPermissionSets] = [
        .init(verb: "get", path: "/repos/{owner}/{repo}/assignees", sets: either("issues", "pull_requests", .read),
              source: "\(reference)/issues/assignees#list-assignees (\(seen))"),
        .init(verb: "get", path: "/repos/{owner}/{repo}/milestones", sets: either("issues", "pull_requests", .read),
              source: "\(reference)/issues/milestones#list-milestones (\(seen))"),
        .init(verb: "get", path: "/repos/{owner}/{repo}/issues/{issue_number}/labels", sets: either("issues", "pull_requests", .read),
              source: "\(reference)/issues/labels#list-labels-for-an-issue (\(seen))"),
        .init(verb: "post", path: "/repos/{owner}/{repo}/labels", sets: either("issues", "pull_requests", .write),
              source: "\(reference)/issues/labels#create-a-label (\"at least one of the following permission sets\", as a third-party README quotes the page)"),
        .init(verb: "patch", path: "/repos/{owner}/{repo}/issues/{issue_number}", sets: either("issues", "pull_requests", .write),
              source: "\(reference)/issues/issues#update-an-issue (\(sourceNotes))"),
        .init(verb: "post", path: "/repos/{owner}/{repo}/issues/{issue_number}/comments", sets: either("issues", "pull_requests", .write),
              source: "\(reference)/issues/comments#create-an-issue-comment (\(sourceNotes))"),
    ]

    /// Copilot seat management: the organization's Copilot Business permission or its
    /// administration permission.
    private static let copilotSeats: [GitHubPermissionSets] = [
        ("get", "/orgs/{org}/copilot/billing", GitHubAccessLevel.read),
        ("get", "/orgs/{org}/copilot/billing/seats", .read),
        ("post", "/orgs/{org}/copilot/billing/selected_teams", .write),
        ("delete", "/orgs/{org}/copilot/billing/selected_teams", .write),
        ("post", "/orgs/{org}/copilot/billing/selected_users", .write),
        ("delete", "/orgs/{org}/copilot/billing/selected_users", .write),
        ("get", "/orgs/{org}/members/{username}/copilot", .read),
    ].map { verb, path, access in
        .init(verb: verb, path: path, sets: either("organization_copilot_seat_management", "organization_administration", access),
              source: "\(reference)/copilot/copilot-user-management (\(sourceNotes))")
    }

    /// Endpoints that change what a branch or tag points at, or a file: Contents (write) is
    /// enough, and Workflows (write) is needed as well only when the change touches files under
    /// `.github/workflows`. The file lists Contents (write) twice and Workflows (write) once for
    /// each: two permission sets, one of them Contents (write) alone.
    private static let contentsOrWorkflows: [GitHubPermissionSets] = [
        ("put", "/repos/{owner}/{repo}/contents/{path}"),
        ("delete", "/repos/{owner}/{repo}/contents/{path}"),
        ("post", "/repos/{owner}/{repo}/git/refs"),
        ("patch", "/repos/{owner}/{repo}/git/refs/{ref}"),
        ("post", "/repos/{owner}/{repo}/releases"),
        ("patch", "/repos/{owner}/{repo}/releases/{release_id}"),
    ].map { verb, path in
        .init(verb: verb, path: path,
              sets: [[Grant(permission: "contents", access: .write)],
                     [Grant(permission: "contents", access: .write), Grant(permission: "workflows", access: .write)]],
              source: "the permission file itself: Contents (write) listed twice and Workflows (write) once, and GitHub's generator "
                + "(github/docs src/github-apps/scripts/sync.ts) writes one entry per permission of each permission set")
    }

    private static let others: [GitHubPermissionSets] = [
        .init(verb: "get", path: "/repos/{owner}/{repo}/invitations", sets: either("private_repository_invitations", "administration", .read),
              source: "\(reference)/collaborators/invitations#list-repository-invitations (\"at least one of the following permission sets\", "
                + "read in a stored copy of the Enterprise Server 3.21 page)"),
        .init(verb: "get", path: "/orgs/{org}/codespaces",
              sets: [[Grant(permission: "codespaces", access: .read), Grant(permission: "organization_codespaces", access: .read)]],
              source: "\(reference)/codespaces/organizations#list-codespaces-for-the-organization (\"the following permission set\", "
                + "both permissions; read in a stored copy of the page)"),
    ]

    /// Every entry, in the order the guide's comments list them.
    static let known: [GitHubPermissionSets] = issuesOrPulls + copilotSeats + contentsOrWorkflows + others
}
