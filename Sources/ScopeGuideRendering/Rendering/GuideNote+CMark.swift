import ScopeGuideCore

extension GuideNote {
    /// Appends the note as a paragraph of `container`; cmark escapes its text in both formats.
    func append(to container: CMarkNode) {
        let (label, text) = content
        if case .prefill(_, let url?) = self, let label {
            let paragraph = container.appendParagraph()
            paragraph.appendStrong(label)
            paragraph.appendText(" ")
            paragraph.appendWebLink(url, url: url)
            return
        }
        guard let label else { return container.appendParagraph().appendEmphasis(text) }
        let paragraph = container.appendParagraph()
        paragraph.appendStrong(label)
        paragraph.appendText(" " + text)
    }
}
