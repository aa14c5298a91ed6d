import ScopeGuideCore

/// The authentication method an imported Google API gets, with its guides: how to enable the API
/// in a Google Cloud project and create the credentials {{platformName}} connects with, in the
/// Google Cloud console's terms (Google Auth platform: Branding, Audience, Data access, Clients).
///
/// An API whose discovery document lists OAuth scopes gets ``oauthMethod(api:scopes:documentation:)``:
/// Google's authorization-code endpoints, a connector-profile guide (consent screen, scopes, a
/// Web application client with the redirect URI) and a link-account guide listing the scopes. One
/// that lists none gets ``apiKeyMethod(api:documentation:)``: Google documents the `key` parameter
/// of such APIs as the project's API key, "required unless you provide an OAuth 2.0 token".
enum GoogleCloudGuides {
    static let authorizationURL = "https://accounts.google.com/o/oauth2/v2/auth"
    static let tokenURL = "https://oauth2.googleapis.com/token"

    /// OAuth 2.0, authorization code; `scopes` are shown where they are entered (the consent
    /// screen's data access, and the link-account guide), each step tailored to the selection.
    static func oauthMethod(api title: String, scopes: [Scope], documentation: String?) -> AuthMethod {
        let api = escaped(title)
        let setup = Guide(
            warning: "The client secret grants access to your Google OAuth client. Keep it server-side; never share it, put it in source code or commit it to version control.",
            sections: [
                enableSection(api),
                Section(
                    title: "Configure the OAuth consent screen",
                    content: "The consent screen is what Google shows a user when {{platformName}} asks for access to their account.",
                    steps: [
                        Step(
                            title: "Set up the Google Auth platform",
                            content: "Go to **Google Auth platform** → **Branding** ([console.cloud.google.com/auth/branding](https://console.cloud.google.com/auth/branding)). If the platform is not configured yet, click **Get started** and enter:",
                            list: [
                                "**App name**: the name users see on the consent screen",
                                "**User support email**: the address users can write to about their consent",
                                "**Audience**: **Internal** for the users of your Google Workspace organization only, **External** for any Google account",
                                "**Contact information**: the addresses Google writes to about the project",
                                "Agree to the Google API Services User Data Policy, then click **Create**",
                            ]),
                        Step(
                            title: "Add the scopes",
                            content: "Go to **Data access** ([console.cloud.google.com/auth/scopes](https://console.cloud.google.com/auth/scopes)) and click **Add or remove scopes**. Enter the following scopes under **Manually add scopes**, click **Add to table**, then **Update** and **Save**:",
                            scopes: scopes),
                        Step(
                            title: "Choose who can connect",
                            content: "With the **External** audience, while the app's publishing status is **Testing** only the test users listed under **Audience** can authorize it. To let any Google account connect, click **Publish app** there. An app that asks for sensitive or restricted scopes needs Google's verification: until it is verified, Google warns users that the app is unverified and limits how many can authorize it."),
                    ]),
                Section(
                    title: "Create an OAuth client ID",
                    content: "{{platformName}} signs users in with the client ID and client secret of a Web application client.",
                    steps: [
                        Step(
                            title: "Create the client",
                            content: "Go to **Google Auth platform** → **Clients** ([console.cloud.google.com/auth/clients](https://console.cloud.google.com/auth/clients)), click **Create client** and enter:",
                            list: [
                                "**Application type**: Web application",
                                "**Name**: a name to recognize the client by in the console",
                                "**Authorized redirect URIs**: click **Add URI** and enter `{{callbackURL}}`",
                                "Click **Create**",
                            ]),
                        Step(
                            title: "Copy the client credentials",
                            content: "Google shows the client's credentials when it is created.",
                            list: ["Copy the **Client ID**.", "Copy the **Client secret** and store it securely."]),
                    ]),
                Section(
                    title: "OAuth 2.0 endpoints",
                    content: "{{platformName}} runs the authorization code flow with these endpoints, then sends the access token as `Authorization: Bearer <token>` on every \(api) request.",
                    steps: [
                        Step(title: "Check the OAuth 2.0 endpoints", list: [
                            "**Authorization URL**: `\(authorizationURL)`",
                            "**Token URL**: `\(tokenURL)`",
                        ]),
                    ]),
            ])
        let config = Guide(sections: [
            Section(
                title: "Configuring OAuth Scopes",
                content: "Google's consent screen asks the account's owner to allow these scopes when the account is linked.",
                steps: [
                    Step(title: "Choose your scopes", content: "Enter the following scopes as a space-separated list:", scopes: scopes),
                ]),
        ])
        return AuthMethod(
            key: "oauth2", kind: .oauth2, label: "OAuth 2.0", grantType: .authorizationCode,
            authorizationURL: authorizationURL, tokenURL: tokenURL,
            // Google adds what is asked for to the grant with include_granted_scopes=true.
            grantChange: .incremental,
            configFields: [Field(key: "scopes", label: "Scopes", isRequired: false)],
            setupFields: [
                Field(key: "clientId", label: "Client ID"),
                Field(key: "clientSecret", label: "Client Secret", type: "password", isSecret: true),
            ],
            supportLink: documentation.flatMap { WebAddress.isAllowed($0) ? $0 : nil },
            guides: [.config: config, .setup: setup])
    }

    /// A custom method taking the Google Cloud project's API key, for an API whose document
    /// lists no scope.
    static func apiKeyMethod(api title: String, documentation: String?) -> AuthMethod {
        let api = escaped(title)
        let config = Guide(
            warning: "Anyone with the API key can call the API as your Google Cloud project. Keep it secret, and restrict it to this API.",
            sections: [
                enableSection(api),
                Section(
                    title: "Create an API key",
                    content: "Google's discovery document for the \(api) lists no OAuth 2.0 scope for any method: calls identify the Google Cloud project with an API key.",
                    steps: [
                        Step(title: "Create the key", content: "Go to **APIs & Services** → **Credentials** ([console.cloud.google.com/apis/credentials](https://console.cloud.google.com/apis/credentials)) and click **Create credentials** → **API key**."),
                        Step(title: "Restrict the key", content: "Open the key. Under **API restrictions**, select **Restrict key**, choose the **\(api)** and click **Save**."),
                        Step(title: "Copy the key", list: ["Copy the **API key** and store it securely."]),
                    ]),
            ])
        return AuthMethod(
            key: "apiKey", kind: .custom, label: "API Key",
            configFields: [Field(key: "apiKey", label: "API Key", type: "password", isSecret: true)],
            supportLink: documentation.flatMap { WebAddress.isAllowed($0) ? $0 : nil },
            guides: [.config: config])
    }

    /// Choosing the Google Cloud project and enabling the API in it; `api` is already escaped.
    private static func enableSection(_ api: String) -> Section {
        Section(
            title: "Enable the \(api)",
            content: "The credentials belong to a Google Cloud project, which must have the API enabled.",
            steps: [
                Step(title: "Select a project", content: "Sign in to the [Google Cloud console](https://console.cloud.google.com/) and select the project to use, or create one."),
                Step(title: "Enable the API", content: "Go to **APIs & Services** → **Library** ([console.cloud.google.com/apis/library](https://console.cloud.google.com/apis/library)), search for **\(api)**, open it and click **Enable**."),
            ])
    }

    /// `text` (an API's title, from the document) as Markdown that reads as those characters:
    /// a backslash before each character that could start markup or a `{{variable}}`.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>#!&{}|".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
