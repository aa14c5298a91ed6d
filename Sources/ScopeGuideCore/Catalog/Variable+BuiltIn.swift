extension Variable {
    /// Names every guide may use without declaring them; the renderer fills them from the
    /// ``Site`` and the ``Connector``.
    static let builtInNames: Set<String> = ["platformName", "hubName", "connectorName", "callbackURL"]
}
