/// The provider's authorize URL for an OAuth 2.0 authorization-code method (DocC: "The guide format").
package enum AuthorizeURL {
    /// The variables an authorize URL takes from the request (`--var client_id=…`, `var.client_id=`),
    /// which every connector with such a method accepts without declaring them.
    package static let variables: [Variable] = [
        Variable(name: "client_id", label: "OAuth client ID", example: "1234-abc.apps.example.com", pattern: "[A-Za-z0-9._~:@+=-]{1,512}"),
        Variable(name: "redirect_uri", label: "OAuth redirect URI", example: "https://app.example.com/oauth/callback", pattern: "https://[^\\s\"<>]{1,2000}"),
        Variable(name: "state", label: "OAuth state", example: "x7Jq2", pattern: "[A-Za-z0-9._~-]{1,512}"),
    ]

    /// `authorizationUrl?scope=<scopes>&response_type=code&client_id=…&redirect_uri=…[&state=…]`,
    /// the scopes joined by the method's `scopeDelimiter` and form-encoded (`read+write`), without
    /// `scope=` when there are none (never sent empty: Google refuses it), with
    /// `include_granted_scopes=true` where the method's `grantChange` is `incremental`. A
    /// `client_id` or `redirect_uri` not in `variables` is left as a `{client_id}` placeholder:
    /// the URL is then a template (see ``missingVariables(in:)``), to show, not to link. `nil`
    /// for methods that are not OAuth 2.0 authorization code or have no authorization URL, and
    /// when that URL fails `WebAddress/isAllowed(_:)` (the loader refuses it; a catalogue built
    /// in code may still hold one).
    package static func make(for method: AuthMethod, scopes: [Scope], variables: [String: String] = [:]) -> String? {
        guard method.kind == .oauth2, method.grantType == .authorizationCode, let base = method.authorizationURL,
            WebAddress.isAllowed(base)
        else {
            return nil
        }
        var parameters = scopes.isEmpty ? [] : [("scope", FormEncoding.encode(scopes.map(\.rawValue).joined(separator: method.scopeDelimiter)))]
        parameters.append(("response_type", "code"))
        for name in requiredVariableNames {
            parameters.append((name, variables[name].map(FormEncoding.encode) ?? "{\(name)}"))
        }
        if let state = variables["state"] { parameters.append(("state", FormEncoding.encode(state))) }
        if method.grantChange == .incremental { parameters.append(("include_granted_scopes", "true")) }
        return base + (base.contains("?") ? "&" : "?") + parameters.map { "\($0)=\($1)" }.joined(separator: "&")
    }

    /// The variables a URL from ``make(for:scopes:variables:)`` still needs: while any is
    /// missing, the URL is a template.
    package static func missingVariables(in variables: [String: String]) -> [String] {
        requiredVariableNames.filter { variables[$0] == nil }
    }

    /// The variables without which the URL is a template (`state` is optional).
    private static let requiredVariableNames = ["client_id", "redirect_uri"]
}
