import Foundation

/// What a guide page shows, reduced to what must survive import and rendering: section titles
/// and scopes, each step's title, `data-guide-scopes`, display list and badge labels, and the
/// hub part's title, step titles and field labels (with " (Optional)").
///
/// Two independent extractors read it: one from a StackOne Hub page (the seeds), one from a page
/// ScopeGuide rendered. They use regular expressions over the markup on purpose, sharing nothing
/// with the importer or the renderer, so a bug in either cannot hide in both sides of a comparison.
struct GuideStructure: Codable, Equatable, CustomStringConvertible {
    struct Step: Codable, Equatable {
        var title: String
        var scopes: [String]
        var displayScopes: [String]
        /// The "Enables actions" labels, or `nil` when the step has no badge.
        var badge: String?
    }

    struct Section: Codable, Equatable {
        var title: String
        var scopes: [String]
        var steps: [Step]
    }

    var sections: [Section]
    var hubTitle: String
    var hubSteps: [String]
    var hubFields: [String]

    var description: String {
        var lines: [String] = []
        for section in sections {
            lines.append("## \(section.title) [\(section.scopes.joined(separator: ","))]")
            for step in section.steps {
                lines.append("  - \(step.title) [\(step.scopes.joined(separator: ","))] display [\(step.displayScopes.joined(separator: ","))]"
                    + (step.badge.map { " badge: \($0)" } ?? ""))
            }
        }
        lines.append("## \(hubTitle): \(hubSteps.joined(separator: " / ")); fields: \(hubFields.joined(separator: ", "))")
        return lines.joined(separator: "\n")
    }

    /// The hub step listing the fields: "Fill out the fields" on link-account pages, "Create New
    /// Connector Profile" (fields nested in its list) on connector-profile pages. Fields are the
    /// list items that start with their label in bold.
    static let fieldStepTitles: Set<String> = ["Fill out the fields", "Create New Connector Profile"]

    /// The step titled `title` in any section, for amending an expectation.
    mutating func updateStep(_ title: String, _ change: (inout Step) -> Void) {
        for s in sections.indices {
            for t in sections[s].steps.indices where sections[s].steps[t].title == title { change(&sections[s].steps[t]) }
        }
    }
}

extension GuideStructure {
    /// Reads a StackOne Hub page: `<section data-guide-section>`, `<Step title>` with its
    /// `<div data-guide-step>`, the badge span, and the `<div data-whitelabel-hide>` hub part.
    init(seedPage page: String) {
        sections = Markup.all(#"<section data-guide-section data-guide-scopes="([^"]*)">(.*?)</section>"#, in: page).map { match in
            let body = match[2]
            let steps = Markup.all(#"<Step title="([^"]*)">(.*?)</Step>"#, in: body).map { step in
                let attributes = Markup.first(#"data-guide-step data-guide-scopes="([^"]*)" data-guide-display-scopes-list="([^"]*)""#, in: step[2])
                return Step(
                    title: Markup.plain(step[1]),
                    scopes: Markup.list(attributes?[1] ?? ""), displayScopes: Markup.list(attributes?[2] ?? ""),
                    badge: Markup.first(#"<span data-guide-actions-badge-labels>(.*?)</span>"#, in: step[2]).map { Markup.plain($0[1]) })
            }
            return Section(title: Markup.plain(Markup.first(#"<h2>(.*?)</h2>"#, in: body)?[1] ?? ""), scopes: Markup.list(match[1]), steps: steps)
        }
        let hub = Markup.first(#"<div data-whitelabel-hide>(.*)</div>"#, in: page)?[1] ?? ""
        hubTitle = Markup.plain(Markup.first(#"<h2>(.*?)</h2>"#, in: hub)?[1] ?? "")
        let hubStepMatches = Markup.all(#"<Step title="([^"]*)">(.*?)</Step>"#, in: hub)
        hubSteps = hubStepMatches.map { Markup.plain($0[1]) }
        let fieldStep = hubStepMatches.first { Self.fieldStepTitles.contains($0[1]) }?[2] ?? ""
        hubFields = Markup.all(#"<li>(<strong>.*?)</li>"#, in: fieldStep).map { Markup.plain($0[1]) }
    }

    /// Reads a page rendered by ``GuideRenderer`` (`.html`): the `<main>` element's sections,
    /// steps and `<div class="sg-hub">`, ignoring the page's script and data.
    init(renderedPage page: String) {
        let main = Markup.first(#"<main class="sg-page">(.*)</main>"#, in: page)?[1] ?? ""
        let sectionPattern = #"<section class="sg-section" data-guide-section data-guide-scopes="([^"]*)"(?: hidden)?>(.*?)</section>"#
        sections = Markup.all(sectionPattern, in: main).map { match in
            let body = match[2]
            let stepStart = #"<li class="sg-step" data-guide-step data-guide-scopes="([^"]*)" data-guide-display-scopes-list="([^"]*)"(?: hidden)?>"#
            let steps = Markup.chunks(startingWith: stepStart, in: body).map { attributes, chunk in
                Step(
                    title: Markup.plain(Markup.first(#"<h3>(.*?)</h3>"#, in: chunk)?[1] ?? ""),
                    scopes: Markup.list(attributes[1]), displayScopes: Markup.list(attributes[2]),
                    badge: Markup.first(#"<span data-guide-actions-badge-labels>(.*?)</span>"#, in: chunk).map { Markup.plain($0[1]) })
            }
            return Section(title: Markup.plain(Markup.first(#"<h2>(.*?)</h2>"#, in: body)?[1] ?? ""), scopes: Markup.list(match[1]), steps: steps)
        }
        let hub = Markup.first(#"<div class="sg-hub" data-whitelabel-hide>(.*)"#, in: main)?[1] ?? ""
        hubTitle = Markup.plain(Markup.first(#"<h2>(.*?)</h2>"#, in: hub)?[1] ?? "")
        let hubStepChunks = Markup.chunks(startingWith: #"<li>\s*<p><strong>(.*?)</strong></p>"#, in: hub)
        hubSteps = hubStepChunks.map { Markup.plain($0.match[1]) }
        let fieldStep = hubStepChunks.first { Self.fieldStepTitles.contains(Markup.plain($0.match[1])) }?.chunk ?? ""
        hubFields = Markup.all(#"<li>(<strong>.*?)</li>"#, in: fieldStep).map { Markup.plain($0[1]) }
    }
}

/// Regular-expression helpers over markup, for ``GuideStructure`` only.
enum Markup {
    /// Capture groups of every match (`[0]` is the whole match); `.` matches newlines.
    static func all(_ pattern: String, in text: String) -> [[String]] {
        let expression = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (0..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }

    static func first(_ pattern: String, in text: String) -> [String]? { all(pattern, in: text).first }

    /// For each match of `start`, its groups and the text up to the next match (or the end).
    static func chunks(startingWith start: String, in text: String) -> [(match: [String], chunk: String)] {
        let expression = try! NSRegularExpression(pattern: start, options: [.dotMatchesLineSeparators])
        let matches = expression.matches(in: text, range: NSRange(text.startIndex..., in: text))
        return matches.enumerated().map { index, match in
            let groups = (0..<match.numberOfRanges).map { Range(match.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
            let from = Range(match.range, in: text)!.upperBound
            let to = index + 1 < matches.count ? Range(matches[index + 1].range, in: text)!.lowerBound : text.endIndex
            return (groups, String(text[from..<to]))
        }
    }

    /// Text without tags, character references decoded, whitespace collapsed.
    static func plain(_ html: String) -> String {
        var text = html.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
        for (entity, character) in [("&quot;", "\""), ("&#x22;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A comma-separated attribute list, empty for "".
    static func list(_ attribute: String) -> [String] {
        plain(attribute).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
