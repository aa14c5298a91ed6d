/// The package's version, as `scopeguide --version` prints it and CHANGELOG.md lists releases.
public enum ScopeGuideVersion {
    public static let current = "0.21.0"
}
