import ScopeGuideCore

/// One problem found while importing a StackOne Hub guide page: which line, and what is wrong.
///
/// Its description is `file:line: error: message` (or `warning:`), the shape editors and CI
/// parse. Errors stop the import; warnings are printed and the guide is still written.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    package enum Reason: Hashable, Sendable {
        /// An element the importer does not know, such as `<Tabs>`.
        case unknownElement(String)
        /// A known element where it cannot go, such as `<h3>` directly in a section.
        case misplacedElement(String, context: String)
        /// Text outside every section, such as a stray Markdown paragraph.
        case strayText(String)
        case malformedTag(String)
        case unclosedElement(String)
        case unexpectedClosingTag(String)
        /// More than this many elements open at once (`MarkupParser/maximumDepth`); the rest of
        /// the page is not read.
        case nestedTooDeeply(Int)
        case missingTitle
        /// YAML front matter (`---` … `---` at the top) that does not read as a mapping of strings.
        case invalidFrontMatter(String)
        case missingSectionTitle
        case invalidTitle(String)
        case duplicateTitle
        case missingAttribute(String, element: String)
        case invalidActionsJSON(String)
        case invalidKey(String)
        /// A method label (from the title) without an ASCII letter or digit for its URL slug.
        case invalidMethodLabel(String)
        /// `{{name}}` in page text would be read as a guide variable the page never declares.
        case placeholderInText(String)
        case duplicateField(String)
        case emptyList(String)
        /// The written YAML does not load (input the reader's checks missed), reported rather than hidden.
        case generatedGuideInvalid(String)

        // Warnings: the guide is still written.
        /// An attribute the importer does not use, such as `id` on a paragraph.
        case ignoredAttribute(String, element: String)
        /// Content the renderer regenerates (the hub part's wording) but that differs from it.
        case hubContentNotReproduced(String)
        /// A blockquote that is not the page's usual preamble or summary.
        case ignoredBlockquote(String)
        /// A paragraph after the list; guide steps hold their text before their list.
        case paragraphMovedBeforeList
        /// The scopes shown under `data-guide-display-scopes` differ from the step's
        /// `data-guide-display-scopes-list`; the attribute is kept.
        case displayScopesMismatch(listed: [String], shown: [String])
        case ignoredComment
        /// An image whose source is not `https:`; rendered guides do not show it.
        case imageNotShown(String)
        /// With `--lenient`: markup the importer cannot convert, kept as plain text.
        case unconvertedMarkupKept(String)
        /// Merging into an existing guide source: the page's catalogue gives an action other
        /// scopes or another label than the file; the file's entry is kept.
        case actionDiffers(String)
    }

    package var file: String
    /// 1-based.
    package var line: Int
    package var reason: Reason

    package init(file: String, line: Int, reason: Reason) {
        self.file = file
        self.line = line
        self.reason = reason
    }
}

extension ImportError.Reason: DiagnosticReason {
    /// Warnings do not stop the import: the guide is still written.
    package var severity: Diagnostic.Severity {
        switch self {
        case .ignoredAttribute, .hubContentNotReproduced, .ignoredBlockquote, .paragraphMovedBeforeList,
            .displayScopesMismatch, .ignoredComment, .imageNotShown, .unconvertedMarkupKept, .actionDiffers:
            .warning
        default:
            .error
        }
    }
}

extension ImportError {
    /// The problem, as every diagnostic is printed: `file:line: severity: message`.
    public var description: String { Diagnostic(self).description }

    /// The message without file, line or severity.
    public var message: String {
        switch reason {
        case .unknownElement(let name): "unknown markup <\(name)>; the importer cannot convert it"
        case .misplacedElement(let name, let context): "<\(name)> is not expected in \(context)"
        case .strayText(let text): "text outside any section: \"\(Self.excerpt(text))\""
        case .malformedTag(let text): "malformed tag \"\(Self.excerpt(text))\""
        case .unclosedElement(let name): "<\(name)> is never closed"
        case .unexpectedClosingTag(let name): "</\(name)> closes no open element"
        case .nestedTooDeeply(let depth): "elements nested more than \(depth) deep; the rest of the page is not read"
        case .missingSectionTitle: "the section has no <h2> title"
        case .missingTitle: "no title line \"# Connect <Name> with <Method> – StackOne Hub\" and no front matter title"
        case .invalidFrontMatter(let why): "the front matter is not YAML with a title: \(why)"
        case .invalidTitle(let title): "title \"\(title)\" is not \"Connect <Name> with <Method> – StackOne Hub\""
        case .duplicateTitle: "a second \"# \" title line"
        case .missingAttribute(let attribute, let element): "<\(element)> needs a \(attribute) attribute"
        case .invalidActionsJSON(let why): "data-guide-actions-json is not a list of {id, label, scopes}: \(why)"
        case .invalidKey(let key): "invalid connector key \"\(key)\" (use lowercase letters, digits, '_' and '-')"
        case .invalidMethodLabel(let label): "method label \"\(Self.excerpt(label))\" has no ASCII letter or digit to make a URL slug"
        case .placeholderInText(let name): "text contains \"{{\(name)}}\", which a guide would read as an undeclared variable"
        case .duplicateField(let label): "the hub lists the field \"\(label)\" twice"
        case .emptyList(let element): "<\(element)> has no items"
        case .generatedGuideInvalid(let why): "the generated guide does not load: \(why)"
        case .ignoredAttribute(let attribute, let element): "attribute \"\(attribute)\" on <\(element)> is ignored"
        case .hubContentNotReproduced(let text):
            "\"\(Self.excerpt(text))\" in the hub part is not imported: the renderer writes the hub part itself"
        case .ignoredBlockquote(let text): "blockquote \"\(Self.excerpt(text))\" is ignored"
        case .paragraphMovedBeforeList: "a paragraph after the list is moved before it"
        case .displayScopesMismatch(let listed, let shown):
            "the step lists scopes \(listed.joined(separator: ",")) but shows \(shown.joined(separator: ",")); the list is kept"
        case .ignoredComment: "an HTML comment is ignored"
        case .imageNotShown(let source): "image \"\(Self.excerpt(source))\" is not https:, so rendered guides will not show it"
        case .unconvertedMarkupKept(let name): "<\(name)> cannot be converted; its text is kept (--lenient)"
        case .actionDiffers(let id):
            "the page's action \"\(id)\" differs from the one already in the guide source, which is kept"
        }
    }

    private static func excerpt(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count > 60 ? String(flat.prefix(57)) + "..." : flat
    }
}

extension Diagnostic {
    /// An import problem; import reports lines, not columns.
    package init(_ error: ImportError) {
        self.init(severity: error.reason.severity, file: error.file, line: error.line, message: error.message)
        reason = error.reason
    }
}

extension ImportError {
    /// Orders problems by line, a line's errors before its warnings.
    static func lineOrder(_ a: ImportError, _ b: ImportError) -> Bool {
        (a.line, a.reason.severity == .warning ? 1 : 0) < (b.line, b.reason.severity == .warning ? 1 : 0)
    }

    /// The import problem a diagnostic was made from, or `nil` for another stage's.
    init?(_ diagnostic: Diagnostic) {
        guard let reason = diagnostic.reason as? Reason, let file = diagnostic.file else { return nil }
        self.init(file: file, line: diagnostic.line ?? 0, reason: reason)
    }
}

extension DiagnosticsError {
    /// The error for a page that cannot be imported: its errors and the warnings met on the way,
    /// in line order (a line's errors first).
    init(importing problems: [ImportError]) {
        self.init(.importing, diagnostics: problems.sorted(by: ImportError.lineOrder).map(Diagnostic.init))
    }

    /// The import problems, typed (those this error was made from).
    var importErrors: [ImportError] { diagnostics.compactMap(ImportError.init) }
}
