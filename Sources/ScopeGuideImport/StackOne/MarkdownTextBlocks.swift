import ScopeGuideCore

/// Splits the inline nodes that stand between block elements of a page (MDX text, which is
/// Markdown, with inline elements in it) into the Markdown blocks they form: paragraphs
/// separated by blank lines, lists (lines starting with `-`, `*`, `+` or `1.`), and pipe tables.
///
/// Only the block structure is decided here; each block's nodes are still converted inline by
/// ``PageReader``, so entities, inline elements and whitespace are treated as everywhere else.
enum MarkdownTextBlocks {
    enum Block {
        case paragraph([MarkupNode], line: Int)
        /// Each item's nodes, its marker removed; nested items are flattened into the list.
        case list([[MarkupNode]], ordered: Bool, line: Int)
        /// Rows of cells, the heading row first, the delimiter row (`| --- |`) left out.
        case table([[[MarkupNode]]], line: Int)
    }

    private struct Line {
        var nodes: [MarkupNode] = []
        var number: Int

        var isBlank: Bool {
            nodes.allSatisfy { if case .text(let text, _) = $0 { text.trimmingWhitespace.isEmpty } else { false } }
        }

        /// The line's text when it holds no element.
        var plainText: String? {
            var text = ""
            for node in nodes {
                guard case .text(let piece, _) = node else { return nil }
                text += piece
            }
            return text
        }

        var leadingText: String {
            if case .text(let text, _) = nodes.first { text } else { "" }
        }
    }

    static func split(_ nodes: [MarkupNode]) -> [Block] {
        var blocks: [Block] = []
        var current: [Line] = []
        for line in lines(nodes) {
            if line.isBlank {
                if !current.isEmpty { blocks.append(block(current)) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { blocks.append(block(current)) }
        return blocks
    }

    private static func lines(_ nodes: [MarkupNode]) -> [Line] {
        var lines = [Line(number: nodes.first?.line ?? 1)]
        for node in nodes {
            guard case .text(let text, let first) = node else {
                lines[lines.count - 1].nodes.append(node)
                continue
            }
            let pieces = text.split(omittingEmptySubsequences: false, whereSeparator: MarkupParser.isLineEnding)
            for (offset, piece) in pieces.enumerated() {
                if offset > 0 { lines.append(Line(number: first + offset)) }
                if !piece.isEmpty { lines[lines.count - 1].nodes.append(.text(String(piece), line: first + offset)) }
            }
        }
        return lines
    }

    private static func block(_ lines: [Line]) -> Block {
        if let ordered = marker(lines[0].leadingText)?.ordered {
            var items: [[MarkupNode]] = []
            for line in lines {
                if let found = marker(line.leadingText), case .text(let text, let number) = line.nodes[0] {
                    let rest = String(text.dropFirst(found.length))
                    items.append((rest.isEmpty ? [] : [.text(rest, line: number)]) + line.nodes.dropFirst())
                } else if !items.isEmpty {
                    items[items.count - 1] += [.text(" ", line: line.number)] + line.nodes
                }
            }
            return .list(items, ordered: ordered, line: lines[0].number)
        }
        if lines.count >= 2, let texts = Optional(lines.compactMap(\.plainText)), texts.count == lines.count,
            texts.allSatisfy({ $0.trimmingWhitespace.hasPrefix("|") }), isDelimiterRow(texts[1])
        {
            let rows = lines.enumerated().filter { $0.offset != 1 }.map { _, line in
                cells(line.plainText ?? "").map { [MarkupNode.text($0, line: line.number)] }
            }
            return .table(rows, line: lines[0].number)
        }
        var nodes: [MarkupNode] = []
        for (index, line) in lines.enumerated() {
            if index > 0 { nodes.append(.text("\n", line: line.number)) }
            nodes += line.nodes
        }
        return .paragraph(nodes, line: lines[0].number)
    }

    /// The list marker at the start of `text` (after indentation) and its length with the
    /// space after it.
    private static func marker(_ text: String) -> (ordered: Bool, length: Int)? {
        let indent = text.prefix { $0 == " " || $0 == "\t" }.count
        let rest = text.dropFirst(indent)
        if let first = rest.first, "-*+".contains(first), rest.dropFirst().first == " " {
            return (false, indent + 2)
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if (1...9).contains(digits.count), let after = rest.dropFirst(digits.count).first, after == "." || after == ")",
            rest.dropFirst(digits.count + 1).first == " "
        {
            return (true, indent + digits.count + 2)
        }
        return nil
    }

    /// `| --- | :---: |`: only dashes, colons, pipes and spaces, with at least one dash.
    private static func isDelimiterRow(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace
        return trimmed.contains("-") && trimmed.allSatisfy { "|-: \t".contains($0) }
    }

    /// A pipe-table row's cells, trimmed; `\|` is a pipe inside a cell.
    private static func cells(_ row: String) -> [String] {
        var cells: [String] = [], cell = "", escaped = false
        for character in row.trimmingWhitespace {
            if escaped {
                cell.append(character == "|" ? "|" : "\\")
                if character != "|" { cell.append(character) }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(character)
            }
        }
        if escaped { cell.append("\\") }
        cells.append(cell)
        // The pipes at either end of the row delimit nothing.
        if cells.first?.trimmingWhitespace.isEmpty == true { cells.removeFirst() }
        if cells.last?.trimmingWhitespace.isEmpty == true { cells.removeLast() }
        return cells.map(\.trimmingWhitespace)
    }
}
