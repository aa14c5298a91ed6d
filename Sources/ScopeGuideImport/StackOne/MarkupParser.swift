import ScopeGuideCore

/// Parses the MDX-like markup of a StackOne Hub page into a ``MarkupNode`` tree.
///
/// It understands what the published pages contain: HTML and MDX elements with quoted, `{…}`
/// (JSX expression, braces balanced) and value-less attributes, self-closing tags, HTML void
/// elements, comments, and text in between. It is not a general HTML parser: a stray `</x>`
/// or an element left open is reported with its line rather than repaired silently.
///
/// Elements nest at most ``maximumDepth`` deep: the reader walks the tree recursively, so a
/// page of thousands of nested tags would exhaust the stack. Past that depth parsing stops with
/// an error.
struct MarkupParser {
    private let characters: [Character]
    private var index = 0
    private var line = 1
    private(set) var problems: [(line: Int, reason: ImportError.Reason)] = []

    /// Elements that never have children in HTML.
    private static let voidElements: Set<String> = ["area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"]

    /// How many elements may be open at once. Published pages nest about eight deep (`<section>`
    /// `<Steps>` `<Step>` `<div>` `<ul>` `<li>` `<strong>`); FuzzStackOneImporter overflowed the
    /// stack with 8,000 nested `<strong>`.
    static let maximumDepth = 100

    init(_ text: String) { characters = Array(text) }

    /// The top-level nodes of the page.
    mutating func parse() -> [MarkupNode] {
        var stack: [MarkupElement] = [MarkupElement(name: "", attributes: [], children: [], line: 1)]
        var text = "", textLine = 1

        func flushText() {
            if !text.isEmpty { stack[stack.count - 1].children.append(.text(text, line: textLine)) }
            text = ""
        }
        func close(_ count: Int) {
            for _ in 0..<count {
                let element = stack.removeLast()
                stack[stack.count - 1].children.append(.element(element))
            }
        }

        while index < characters.count {
            let character = characters[index]
            if character == "<", startsComment() {
                flushText()
                problems.append((line, .ignoredComment))
                skipComment()
            } else if character == "<", peek(1) == "/", peek(2)?.isLetter == true {
                flushText()
                let tagLine = line
                guard let name = closingTag() else { continue }
                if let depth = stack.lastIndex(where: { $0.name == name }), depth > 0 {
                    for open in stack[(depth + 1)...] { problems.append((open.line, .unclosedElement(open.name))) }
                    close(stack.count - depth)
                } else {
                    problems.append((tagLine, .unexpectedClosingTag(name)))
                }
            } else if character == "<", peek(1)?.isLetter == true {
                flushText()
                guard let (element, selfClosing) = openingTag() else { continue }
                if selfClosing || Self.voidElements.contains(element.name.lowercased()) {
                    stack[stack.count - 1].children.append(.element(element))
                } else if stack.count > Self.maximumDepth {
                    // The elements still open are not reported as unclosed: the rest is not read.
                    problems.append((element.line, .nestedTooDeeply(Self.maximumDepth)))
                    close(stack.count - 1)
                    return stack[0].children
                } else {
                    stack.append(element)
                }
            } else if (character == "`" || character == "~"), startsFence() {
                flushText()
                stack[stack.count - 1].children.append(.element(fence()))
            } else if character == "\\", let next = peek(1), next.isASCII, next.isPunctuation || next.isSymbol {
                // A Markdown escape (`\<`, `\{`, `\*`): the character is text, never a tag's start.
                if text.isEmpty { textLine = line }
                text.append(character)
                text.append(next)
                advance(2)
            } else if character == "`", let span = codeSpan() {
                // A code span is code in MDX: `<token>` in it is text, not an element.
                if text.isEmpty { textLine = line }
                text += span
            } else {
                if text.isEmpty { textLine = line }
                text.append(character)
                advance()
            }
        }
        flushText()
        for open in stack.dropFirst() { problems.append((open.line, .unclosedElement(open.name))) }
        close(stack.count - 1)
        return stack[0].children
    }

    // MARK: Tags

    /// `<name attr="v" attr={…} flag>` or `<name … />`; `nil` (reported) when malformed.
    private mutating func openingTag() -> (MarkupElement, selfClosing: Bool)? {
        let start = index, tagLine = line
        advance()  // <
        let name = readName()
        var attributes: [MarkupElement.Attribute] = []
        while index < characters.count {
            skipWhitespace()
            guard let character = current else { break }
            if character == ">" {
                advance()
                return (MarkupElement(name: name, attributes: attributes, children: [], line: tagLine), false)
            }
            if character == "/", peek(1) == ">" {
                advance(2)
                return (MarkupElement(name: name, attributes: attributes, children: [], line: tagLine), true)
            }
            let attributeName = readName()
            guard !attributeName.isEmpty else { break }
            var value = ""
            skipWhitespace()
            if current == "=" {
                advance()
                skipWhitespace()
                guard let parsed = attributeValue() else { break }
                value = parsed
            }
            attributes.append(MarkupElement.Attribute(name: attributeName, value: value))
        }
        malformed(from: start, line: tagLine)
        return nil
    }

    /// `</name>`, returning the name; `nil` (reported) when malformed.
    private mutating func closingTag() -> String? {
        let start = index, tagLine = line
        advance(2)
        let name = readName()
        skipWhitespace()
        guard current == ">" else {
            malformed(from: start, line: tagLine)
            return nil
        }
        advance()
        return name
    }

    /// A quoted value (entities decoded) or a `{…}` expression (kept raw, braces balanced).
    private mutating func attributeValue() -> String? {
        guard let quote = current else { return nil }
        if quote == "\"" || quote == "'" {
            advance()
            var value = ""
            while let character = current, character != quote {
                value.append(character)
                advance()
            }
            guard current == quote else { return nil }
            advance()
            return HTMLEntities.decode(value)
        }
        if quote == "{" {
            var depth = 0, value = ""
            var inString: Character?
            while let character = current {
                value.append(character)
                advance()
                if let open = inString {
                    if character == open { inString = nil }
                } else if character == "'" || character == "\"" || character == "`" {
                    inString = character
                } else if character == "{" {
                    depth += 1
                } else if character == "}" {
                    depth -= 1
                    if depth == 0 { return value }
                }
            }
            return nil
        }
        return nil
    }

    /// Skips to just after the next `>` (or the end) and reports the tag as malformed.
    private mutating func malformed(from start: Int, line tagLine: Int) {
        index = start
        line = tagLine
        var text = ""
        while let character = current {
            text.append(character)
            advance()
            if character == ">" { break }
        }
        problems.append((tagLine, .malformedTag(text)))
    }

    // MARK: Code fences

    /// Whether a Markdown code fence (three or more backticks or tildes) opens here: only
    /// whitespace since the line's start. Its lines are code, not markup, so `<` in them is text.
    private func startsFence() -> Bool {
        guard let character = current, peek(1) == character, peek(2) == character else { return false }
        var back = index - 1
        while back >= 0, characters[back] == " " || characters[back] == "\t" { back -= 1 }
        return back < 0 || Self.isLineEnding(characters[back])
    }

    /// The fence starting here, up to its closing fence (or the end of the page), as a `<pre>`
    /// element: `data-fence-info` holds the info string, and its one text child the code, each
    /// line without the fence's indentation.
    private mutating func fence() -> MarkupElement {
        let fenceLine = line
        var indent = 0, back = index - 1
        while back >= 0, !Self.isLineEnding(characters[back]) { indent += 1; back -= 1 }
        let marker = characters[index]
        var length = 0
        while current == marker { length += 1; advance() }
        var info = ""
        while let character = current, !Self.isLineEnding(character) { info.append(character); advance() }
        advance()  // the line ending
        var lines: [String] = []
        while current != nil {
            var content = ""
            while let character = current, !Self.isLineEnding(character) { content.append(character); advance() }
            advance()
            let trimmed = content.drop { $0 == " " || $0 == "\t" }
            if trimmed.count >= length, trimmed.allSatisfy({ $0 == marker }) { break }
            var dropped = 0
            lines.append(String(content.drop { character in
                guard dropped < indent, character == " " || character == "\t" else { return false }
                dropped += 1
                return true
            }))
        }
        let attributes = [MarkupElement.Attribute(name: "data-fence-info", value: info.trimmingWhitespace)]
        return MarkupElement(name: "pre", attributes: attributes, children: [.text(lines.joined(separator: "\n"), line: fenceLine + 1)], line: fenceLine)
    }

    /// The Markdown code span starting at this run of backticks, up to the next run of the same
    /// length, consumed; `nil` (nothing consumed) when no such run closes it.
    private mutating func codeSpan() -> String? {
        var length = 0
        while peek(length) == "`" { length += 1 }
        var end = index + length
        while end < characters.count {
            guard characters[end] == "`" else {
                end += 1
                continue
            }
            var run = 0
            while end + run < characters.count, characters[end + run] == "`" { run += 1 }
            if run == length {
                let span = String(characters[index..<(end + run)])
                advance(end + run - index)
                return span
            }
            end += run
        }
        return nil
    }

    // MARK: Comments

    private func startsComment() -> Bool { peek(1) == "!" && peek(2) == "-" && peek(3) == "-" }

    private mutating func skipComment() {
        advance(4)
        while index < characters.count, !(current == "-" && peek(1) == "-" && peek(2) == ">") { advance() }
        advance(3)
    }

    // MARK: Scanning

    private var current: Character? { index < characters.count ? characters[index] : nil }

    /// Whether `character` ends a line, as in CommonMark: LF, CR LF (one `Character`) or a lone
    /// CR. Not U+2028 or NEL, which editors and Markdown keep within a line.
    static func isLineEnding(_ character: Character) -> Bool {
        character == "\n" || character == "\r\n" || character == "\r"
    }

    private func peek(_ offset: Int) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    private mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < characters.count {
            if Self.isLineEnding(characters[index]) { line += 1 }
            index += 1
        }
    }

    private mutating func skipWhitespace() {
        while let character = current, character.isWhitespace { advance() }
    }

    /// Letters, digits and `- _ : .`, as element and attribute names use.
    private mutating func readName() -> String {
        var name = ""
        while let character = current, character.isLetter || character.isNumber || "-_:.".contains(character) {
            name.append(character)
            advance()
        }
        return name
    }
}
