/// The package's version, as `scopeguide --version` prints it and CHANGELOG.md lists releases.
package enum ScopeGuideVersion {
    package static let current = "0.21.0"
}
