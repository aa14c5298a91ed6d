/// Decodes `Guides/site.yaml`; absent keys keep ``Site``'s StackOne defaults.
enum SiteDecoder {
    static func decode(_ cursor: YAMLCursor, diagnostics: inout ProblemCollector) -> Site {
        var site = Site()
        guard diagnostics.isMapping(cursor) else { return site }
        diagnostics.rejectUnknownKeys(cursor, known: GuideKeys.site)
        if let value = diagnostics.string(cursor["platformName"], in: cursor, key: "platformName") { site.platformName = value }
        if let value = diagnostics.string(cursor["hubName"], in: cursor, key: "hubName") { site.hubName = value }
        if let value = diagnostics.string(cursor["docsBaseURL"], in: cursor, key: "docsBaseURL") {
            if WebAddress.isAllowed(value) {
                site.docsBaseURL = value.hasSuffix("/") ? String(value.dropLast()) : value
            } else {
                diagnostics.report(.invalidValue(value, expected: WebAddress.expectation), at: cursor["docsBaseURL"]!)
            }
        }
        if let value = diagnostics.string(cursor["callbackURLPattern"], in: cursor, key: "callbackURLPattern") {
            if WebAddress.isAllowed(value) {
                site.callbackURLPattern = value
            } else {
                diagnostics.report(.invalidValue(value, expected: WebAddress.expectation), at: cursor["callbackURLPattern"]!)
            }
        }
        if let value = diagnostics.string(cursor["whitelabelName"], in: cursor, key: "whitelabelName") { site.whitelabelName = value }
        return site
    }
}
