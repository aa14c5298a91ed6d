/// Authentication methods, their fields and guides: sections, steps and their Markdown.
extension ConnectorDecoder {
    mutating func decodeMethods(_ cursor: YAMLCursor?, in root: YAMLCursor) -> [AuthMethod] {
        guard let cursor else {
            diagnostics.report(.missingField("authentication"), at: root.location, path: "authentication")
            return []
        }
        var methods: [AuthMethod] = []
        for item in diagnostics.list(cursor) ?? [] {
            // Each item is a one-key mapping `<methodKey>: {...}`, as in StackOne connector files.
            for (key, body) in diagnostics.mapping(item) ?? [] {
                guard let method = decodeMethod(key: key, body) else { continue }
                if methods.contains(where: { $0.slug == method.slug }) {
                    diagnostics.report(.duplicateMethod(method.slug), at: body["label"] ?? body)
                }
                methods.append(method)
            }
        }
        return methods
    }

    mutating func decodeMethod(key: String, _ body: YAMLCursor) -> AuthMethod? {
        guard diagnostics.isMapping(body) else { return nil }
        diagnostics.rejectUnknownKeys(body, known: GuideKeys.method)
        let label = requiredLabel(body) ?? key
        if AuthMethod.slug(for: label).isEmpty {
            diagnostics.report(.invalidSlug(label), at: body["label"] ?? body)
        }
        let typeName = diagnostics.string(body["type"], in: body, key: "type", required: true) ?? "custom"
        let kind = AuthMethod.Kind(rawValue: typeName)
        if kind == nil, let cursor = body["type"] {
            diagnostics.report(.invalidValue(typeName, expected: "custom or oauth2"), at: cursor)
        }
        var grantType: AuthMethod.GrantType?
        if let cursor = body["grantType"], let name = diagnostics.string(cursor, in: body, key: "grantType") {
            grantType = AuthMethod.GrantType(rawValue: name)
            if grantType == nil {
                diagnostics.report(.invalidValue(name, expected: "authorization_code or client_credentials"), at: cursor)
            }
        } else if kind == .oauth2 {
            grantType = .authorizationCode
        }
        var grantChange: GrantChange?
        if let cursor = body["grantChange"], let name = diagnostics.string(cursor, in: body, key: "grantChange") {
            grantChange = GrantChange(rawValue: name)
            if grantChange == nil {
                diagnostics.report(.invalidValue(name, expected: GrantChange.allCases.map(\.rawValue).joined(separator: ", ")), at: cursor)
            }
        }
        let prefill = body["prefill"].flatMap { decodePrefill($0, in: body) }
        let authorizationURL = webAddress(body["authorizationUrl"], in: body, key: "authorizationUrl")
        let defaultScopes = body["defaultScopes"].map { scopeList($0) }
        let support = body["support"]
        if let support, diagnostics.isMapping(support) {
            diagnostics.rejectUnknownKeys(support, known: GuideKeys.support)
        }
        var guides: [GuideKind: Guide] = [:]
        if let guidesCursor = support?["guides"], diagnostics.isMapping(guidesCursor) {
            diagnostics.rejectUnknownKeys(guidesCursor, known: GuideKeys.guides)
            for kind in GuideKind.allCases {
                if let guide = guidesCursor[kind.rawValue].flatMap({ decodeGuide($0) }) { guides[kind] = guide }
            }
        }
        return AuthMethod(
            key: key, kind: kind ?? .custom, label: label, grantType: grantType,
            authorizationURL: authorizationURL,
            tokenURL: webAddress(body["tokenUrl"], in: body, key: "tokenUrl"),
            defaultScopes: defaultScopes,
            scopeDelimiter: diagnostics.string(body["scopeDelimiter"], in: body, key: "scopeDelimiter") ?? " ",
            grantChange: grantChange,
            grantChangeText: diagnostics.string(body["grantChangeText"], in: body, key: "grantChangeText"),
            prefill: prefill,
            configFields: decodeFields(body["configFields"]),
            setupFields: decodeFields(body["setupFields"]),
            supportLink: support.flatMap { webAddress($0["link"], in: $0, key: "link") },
            guides: guides)
    }

    /// A string that must pass `WebAddress/isAllowed(_:)`; one that does not is reported at its
    /// field and dropped.
    /// `prefill`: a kind's name, or `{kind, url, separator, encoding, userScopes}`; `nil` (and
    /// reported) when the kind is unknown or a `template` has no valid `url`.
    mutating func decodePrefill(_ cursor: YAMLCursor, in parent: YAMLCursor) -> Prefill? {
        let kindName: String?
        let kindCursor: YAMLCursor
        if cursor.scalar != nil {
            kindName = diagnostics.string(cursor, in: parent, key: "prefill")
            kindCursor = cursor
        } else {
            guard diagnostics.isMapping(cursor) else { return nil }
            diagnostics.rejectUnknownKeys(cursor, known: GuideKeys.prefill)
            kindName = diagnostics.string(cursor["kind"], in: cursor, key: "kind", required: true)
            kindCursor = cursor["kind"] ?? cursor
        }
        guard let kindName else { return nil }
        guard let kind = PrefillKind(rawValue: kindName) else {
            diagnostics.report(.invalidValue(kindName, expected: PrefillKind.allCases.map(\.rawValue).joined(separator: ", ")), at: kindCursor)
            return nil
        }
        var prefill = Prefill(kind: kind)
        guard cursor.scalar == nil else {
            if kind == .template { diagnostics.report(.missingField("url"), at: cursor) }
            return kind == .template ? nil : prefill
        }
        if let separatorCursor = cursor["separator"], let name = diagnostics.string(separatorCursor, in: cursor, key: "separator") {
            if let separator = Separator(rawValue: name) { prefill.separator = separator } else {
                diagnostics.report(.invalidValue(name, expected: Separator.allCases.map(\.rawValue).joined(separator: ", ")), at: separatorCursor)
            }
        }
        if let encodingCursor = cursor["encoding"], let name = diagnostics.string(encodingCursor, in: cursor, key: "encoding") {
            if let encoding = Prefill.Encoding(rawValue: name) { prefill.encoding = encoding } else {
                diagnostics.report(.invalidValue(name, expected: Prefill.Encoding.allCases.map(\.rawValue).joined(separator: " or ")), at: encodingCursor)
            }
        }
        prefill.userScopes = scopeList(cursor["userScopes"])
        if kind == .template {
            guard let url = webAddress(cursor["url"], in: cursor, key: "url") else {
                if cursor["url"] == nil { diagnostics.report(.missingField("url"), at: cursor) }
                return nil
            }
            let placeholders = url.components(separatedBy: Prefill.placeholder).count - 1
            guard placeholders == 1 else {
                diagnostics.report(.invalidValue(url, expected: "an https: URL with exactly one \(Prefill.placeholder) placeholder"), at: cursor["url"] ?? cursor)
                return nil
            }
            prefill.template = url
        }
        return prefill
    }

    mutating func webAddress(_ cursor: YAMLCursor?, in parent: YAMLCursor, key: String) -> String? {
        guard let value = diagnostics.string(cursor, in: parent, key: key), let cursor else { return nil }
        guard WebAddress.isAllowed(value) else {
            diagnostics.report(.invalidValue(value, expected: WebAddress.expectation), at: cursor)
            return nil
        }
        return value
    }

    mutating func decodeFields(_ cursor: YAMLCursor?) -> [Field] {
        (diagnostics.list(cursor) ?? []).compactMap { item in
            guard diagnostics.isMapping(item) else { return nil }
            diagnostics.rejectUnknownKeys(item, known: GuideKeys.field)
            let key = diagnostics.string(item["key"], in: item, key: "key", required: true) ?? ""
            let label = requiredLabel(item) ?? key
            return Field(
                key: key, label: label,
                type: diagnostics.string(item["type"], in: item, key: "type") ?? "text",
                isRequired: diagnostics.bool(item["required"], default: false),
                isSecret: diagnostics.bool(item["secret"], default: false))
        }
    }

    mutating func decodeGuide(_ cursor: YAMLCursor) -> Guide? {
        guard diagnostics.isMapping(cursor) else { return nil }
        diagnostics.rejectUnknownKeys(cursor, known: GuideKeys.guide)
        let warning = markdown(cursor["warning"], in: cursor, key: "warning")
        let sections = (diagnostics.list(cursor["sections"]) ?? []).compactMap { item -> Section? in
            guard diagnostics.isMapping(item) else { return nil }
            diagnostics.rejectUnknownKeys(item, known: GuideKeys.section)
            let steps = (diagnostics.list(item["steps"]) ?? []).compactMap { decodeStep($0) }
            return Section(
                title: markdown(item["title"], in: item, key: "title", required: true) ?? "",
                content: markdown(item["content"], in: item, key: "content"),
                list: markdownList(item["list"]),
                scopes: scopeList(item["scopes"]),
                steps: steps)
        }
        return Guide(warning: warning, sections: sections)
    }

    mutating func decodeStep(_ cursor: YAMLCursor) -> Step? {
        guard diagnostics.isMapping(cursor) else { return nil }
        diagnostics.rejectUnknownKeys(cursor, known: GuideKeys.step)
        let scopes = scopeList(cursor["scopes"])
        return Step(
            title: markdown(cursor["title"], in: cursor, key: "title", required: true) ?? "",
            content: markdown(cursor["content"], in: cursor, key: "content"),
            list: markdownList(cursor["list"]),
            scopes: scopes,
            displayScopes: cursor["displayScopes"].map { scopeList($0) })
    }

    mutating func markdown(_ cursor: YAMLCursor?, in parent: YAMLCursor, key: String, required: Bool = false) -> String? {
        guard let text = diagnostics.string(cursor, in: parent, key: key, required: required) else { return nil }
        if let cursor { record(text, cursor) }
        return text
    }

    mutating func markdownList(_ cursor: YAMLCursor?) -> [String] {
        let items = diagnostics.stringItems(cursor)
        // Each text is recorded at its own item, so a problem in it points there even when an
        // item that is not a string comes before it.
        for (text, item) in items { record(text, item) }
        return items.map(\.text)
    }
}
