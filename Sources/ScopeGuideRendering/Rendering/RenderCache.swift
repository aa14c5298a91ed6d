import Foundation
import ScopeGuideCore

/// What rendering reuses across calls for one loaded catalogue: each Markdown text of its guides,
/// parsed and rendered once (see ``MarkdownFragment``); each guide prepared once per whitelabel
/// variant (``PreparedGuide``) and tailored once to the empty selection; and the parts of a
/// guide page that depend only on the connector and method.
///
/// Fragment keys are the texts after variable substitution. Only texts that no customer value
/// reaches are kept, so the cache holds at most the catalogue's own texts (in each whitelabel
/// variant) and request values cannot grow it; every other key comes from the catalogue too.
/// Safe to share between threads.
final class RenderCache: @unchecked Sendable {
    private struct Key: Hashable {
        var text: String
        var kind: MarkdownFragment.Kind
        var forms: MarkdownFragment.Forms
    }

    private let lock = NSLock()
    private var fragments: [Key: MarkdownFragment] = [:]
    private var pages: [String: GuidePage.Shared] = [:]
    private var parts: [String: String] = [:]
    private var guides: [String: PreparedGuide] = [:]
    private var untailored: [String: TailoredGuide] = [:]

    /// The guide tailored to the empty selection, made by `make` the first time. Keys come from
    /// the catalogue only (an unknown connector or guide throws in `make` and is not kept).
    func untailoredGuide<Failure: Error>(
        connector: String, method: String, kind: GuideKind, make: () throws(Failure) -> TailoredGuide
    ) throws(Failure) -> TailoredGuide {
        // Connector keys and slugs cannot contain "/", so the joined key is unambiguous.
        try value(in: \.untailored, for: "\(connector)/\(method)/\(kind.rawValue)", make: make)
    }

    /// `tailored`'s guide prepared with `variables` for one output `form`: from the cache unless
    /// customer values reach the texts (then prepared afresh, so requests cannot grow the cache).
    /// A format is prepared only when first asked for: a `.md` request builds no HTML.
    /// Whether prepared guides are made for both outputs whatever form is asked: for a site
    /// build, which renders every guide as Markdown and as a page, so each text is parsed and
    /// substituted once rather than once per form.
    let preparesBothForms: Bool

    init(preparesBothForms: Bool = false) { self.preparesBothForms = preparesBothForms }

    func preparedGuide(_ tailored: TailoredGuide, variables: TextVariables, form: MarkdownFragment.Forms) -> PreparedGuide {
        let form = preparesBothForms ? .both : form
        guard !variables.hasCustomerValues else { return PreparedGuide(tailored.guide, variables: variables, cache: self, form: form) }
        // Connector keys and slugs cannot contain "/", so the joined key is unambiguous.
        let key = "\(tailored.connector.key)/\(tailored.method.slug)/\(tailored.kind.rawValue)/\(variables.isWhitelabel)/\(form.rawValue)"
        return value(in: \.guides, for: key) { PreparedGuide(tailored.guide, variables: variables, cache: self, form: form) }
    }

    /// `markdown` parsed and made safe in `forms`, with `customerValues` put in as text; from the
    /// cache when `isCacheable` (then there are no customer values), and added to it.
    func fragment(
        _ markdown: String, kind: MarkdownFragment.Kind, customerValues: [String] = [], isCacheable: Bool, forms: MarkdownFragment.Forms
    ) -> MarkdownFragment {
        guard isCacheable, customerValues.isEmpty else { return MarkdownFragment(markdown, kind: kind, customerValues: customerValues, forms: forms) }
        return value(in: \.fragments, for: Key(text: markdown, kind: kind, forms: forms)) { MarkdownFragment(markdown, kind: kind, forms: forms) }
    }

    /// The shared page parts of `connector`'s method `method`, made by `make` the first time.
    func page<Failure: Error>(
        connector: String, method: String, make: () throws(Failure) -> GuidePage.Shared
    ) throws(Failure) -> GuidePage.Shared {
        // Connector keys cannot contain "/", so the joined key is unambiguous.
        try value(in: \.pages, for: connector + "/" + method, make: make)
    }

    /// Rendered output that depends only on the catalogue, by a key naming what it is and whose
    /// (such as `hub/html/front/api-token/config`), made by `make` the first time.
    func part(_ key: String, make: () -> String) -> String {
        value(in: \.parts, for: key, make: make)
    }

    /// The value `store` holds for `key`, or `make`'s, stored. Two threads may both make a
    /// missing value; both get equal values, so neither waits on the other's work under the lock.
    private func value<Key: Hashable, Value, Failure: Error>(
        in store: ReferenceWritableKeyPath<RenderCache, [Key: Value]>, for key: Key, make: () throws(Failure) -> Value
    ) throws(Failure) -> Value {
        if let cached = lock.withLock({ self[keyPath: store][key] }) { return cached }
        let made = try make()
        lock.withLock { self[keyPath: store][key] = made }
        return made
    }
}
