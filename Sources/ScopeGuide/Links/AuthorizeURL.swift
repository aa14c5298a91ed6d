/// The provider's authorize URL for an OAuth 2.0 authorization-code method (DocC: "The guide format").
public enum AuthorizeURL {
    /// `authorizationUrl?scope=<scopes>&response_type=code[&client_id=…][&redirect_uri=…]`, the
    /// scopes joined by the method's `scopeDelimiter` and form-encoded (`read+write`), without
    /// `scope=` when there are none; `nil` for
    /// methods that are not OAuth 2.0 authorization code or have no authorization URL, and when
    /// that URL fails ``WebAddress/isAllowed(_:)`` (the loader refuses it; a catalogue built in
    /// code may still hold one).
    public static func make(for method: AuthMethod, scopes: [Scope], clientID: String? = nil, redirectURI: String? = nil) -> String? {
        guard method.kind == .oauth2, method.grantType == .authorizationCode, let base = method.authorizationURL,
            WebAddress.isAllowed(base)
        else {
            return nil
        }
        // No scope to ask for: the parameter is left out, never sent empty (Google refuses `scope=`).
        var parameters = scopes.isEmpty ? [] : [("scope", scopes.map(\.rawValue).joined(separator: method.scopeDelimiter))]
        parameters.append(("response_type", "code"))
        if let clientID { parameters.append(("client_id", clientID)) }
        if let redirectURI { parameters.append(("redirect_uri", redirectURI)) }
        let query = parameters.map { "\($0)=\(FormEncoding.encode($1))" }.joined(separator: "&")
        return base + (base.contains("?") ? "&" : "?") + query
    }
}
