import ScopeGuideCore

/// The link-account guide of a GitHub fine-grained personal access token: where GitHub's
/// settings create one, what to choose, one step per kind of permission (repository,
/// organization, account) carrying that kind's scopes, a step for the mandatory Metadata
/// permission, and copying the token.
///
/// The wording follows GitHub's "Managing your personal access tokens" page; a tailored guide
/// shows only the permission steps whose scopes the selection needs.
enum GitHubTokenGuide {
    /// The permissions of one kind, in the guide's scope order.
    struct Kind: Hashable, Sendable {
        /// `repository`, `organization`, `user`, or another word a later file uses; `nil` when
        /// the file does not say.
        var name: String?
        var scopes: [Scope]
    }

    static let methodLabel = "Fine-grained personal access token"
    static let supportLink = "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens"

    /// The method, with its one config field (the token) and guide.
    /// - Parameters:
    ///   - kinds: the permission steps, in order, without Metadata.
    ///   - metadata: `metadata:read`, shown in its own step.
    ///   - levels: the access levels any scope uses, for the step text.
    ///   - workflowsNote: the scope whose actions can change workflow files, which then also
    ///     need Workflows (write): a step saying so, shown when the answer has that scope.
    static func method(kinds: [Kind], metadata: Scope, levels: Set<GitHubAccessLevel>, workflowsNote: Scope?) -> AuthMethod {
        let levelText = GitHubAccessLevel.allCases.filter(levels.contains)
            .map { "`:\($0.rawValue)` is **\($0.settingLabel)**" }.joined(separator: ", ")
        var permissionSteps: [Step] = []
        for kind in kinds where !kind.scopes.isEmpty {
            permissionSteps.append(Step(title: stepTitle(kind.name), content: stepContent(kind.name), scopes: kind.scopes))
            if kind.name == "repository", let workflowsNote {
                permissionSteps.append(Step(
                    title: "Workflow files",
                    content: "Changing files under `.github/workflows` (committing, or moving a branch or tag to a commit that changes them) "
                        + "also needs **Workflows** set to **Read and write**.",
                    scopes: [workflowsNote], displayScopes: []))
            }
        }
        permissionSteps.append(Step(
            title: "Keep Metadata read-only",
            content: "GitHub marks **Metadata** (**Read-only**, under **Repository permissions**) as mandatory on every fine-grained "
                + "token: it lets the token read basic information about the repositories it can reach. It is already set; there is nothing to change.",
            scopes: [metadata]))
        let guide = Guide(
            warning: "The token reaches only what its resource owner owns and what your own account can reach. If the resource owner is an "
                + "organization that requires approval of fine-grained tokens, the token works once an organization owner approves it.",
            sections: [
                Section(
                    title: "Create a fine-grained personal access token",
                    content: "Fine-grained tokens reach one resource owner's repositories and settings, with only the permissions you set.",
                    steps: [
                        Step(title: "Open the token settings", content: "Sign in to [GitHub](https://github.com).", list: [
                            "Click your profile picture in the upper-right corner, then **Settings**.",
                            "In the left sidebar, click **Developer settings**.",
                            "Under **Personal access tokens**, click **Fine-grained tokens**.",
                            "Click **Generate new token**.",
                        ]),
                        Step(title: "Name the token and choose what it reaches", list: [
                            "**Token name**: a name you will recognise, such as \"{{platformName}} integration\".",
                            "**Expiration**: when the token stops working; a new token is needed then.",
                            "**Resource owner**: your account, or the organization that owns the repositories and settings the token is for. "
                                + "Organization permissions are offered only when the resource owner is an organization.",
                            "**Repository access**: **Only select repositories** and pick them, or **All repositories**.",
                        ]),
                    ]),
                Section(
                    title: "Set the token's permissions",
                    content: "Under **Permissions**, set each permission listed below to its access level (\(levelText)). "
                        + "Leave every other permission at **No access**.",
                    steps: permissionSteps),
                Section(title: "Generate the token", steps: [
                    Step(title: "Generate and copy the token", content: "Click **Generate token**.", list: [
                        "Copy the token now: GitHub shows it only once.",
                        "Paste it into the **\(methodLabel)** field in {{platformName}}.",
                    ]),
                ]),
            ])
        return AuthMethod(
            key: "fineGrainedToken", kind: .custom, label: methodLabel,
            // A fine-grained token's permissions can be edited after it is created.
            grantChange: .edit,
            grantChangeText: "open the token under Settings, Developer settings, Personal access tokens, Fine-grained tokens, click Edit, set the permissions to add as listed below (keeping the others) and click Update; the token's value does not change.",
            // GitHub's new-token form takes each permission's level in its URL.
            prefill: Prefill(kind: .githubFineGrainedPAT),
            configFields: [Field(key: "token", label: methodLabel, type: "password", isRequired: true, isSecret: true)],
            supportLink: supportLink, guides: [.config: guide])
    }

    private static func stepTitle(_ kind: String?) -> String {
        switch kind {
        case "user": "Set account permissions"
        case let kind?: "Set \(kind) permissions"
        case nil: "Set the other permissions"
        }
    }

    private static func stepContent(_ kind: String?) -> String {
        switch kind {
        case "repository":
            "In **Repository permissions**, set the permissions below."
        case "organization":
            "In **Organization permissions** (offered when the resource owner is an organization), set the permissions below."
        case "user":
            "In **Account permissions** (GitHub's REST reference calls them user permissions), set the permissions below."
        case let kind?:
            "In **\(kind.prefix(1).uppercased() + kind.dropFirst()) permissions**, set the permissions below."
        case nil:
            "Set the permissions below."
        }
    }
}
