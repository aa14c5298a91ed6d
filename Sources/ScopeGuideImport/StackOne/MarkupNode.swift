import ScopeGuideCore

/// A node of a parsed StackOne Hub page: an element with its attributes and children, or text.
///
/// The pages mix MDX components (`<Steps>`, `<Step title>`, `<Warning>`) with HTML and Markdown
/// text, so elements keep their name's case and text keeps its characters (entities undecoded).
enum MarkupNode: Hashable, Sendable {
    case element(MarkupElement)
    /// Raw text and the line it starts on.
    case text(String, line: Int)

    var line: Int {
        switch self {
        case .element(let element): element.line
        case .text(_, let line): line
        }
    }
}

/// An element such as `<section data-guide-section data-guide-scopes="">`.
struct MarkupElement: Hashable, Sendable {
    var name: String
    /// In source order. Quoted values are entity-decoded; `{...}` (JSX) values are kept raw;
    /// attributes without a value have the empty string.
    var attributes: [Attribute]
    var children: [MarkupNode]
    /// The line of the opening `<`.
    var line: Int

    struct Attribute: Hashable, Sendable {
        var name: String
        var value: String
    }

    /// The value of the attribute `name`, if present.
    func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

    func has(_ name: String) -> Bool { attributes.contains { $0.name == name } }

    /// The child elements, skipping text.
    var elements: [MarkupElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// This element and every element below it, depth first.
    var descendants: [MarkupElement] {
        [self] + elements.flatMap(\.descendants)
    }
}
