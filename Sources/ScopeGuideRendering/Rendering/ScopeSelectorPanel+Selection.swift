import ScopeGuideCore

/// The summary at the top of the panel: how many actions are selected and a chip per action
/// that removes it, so a selection spread over a long list is seen at once. It sticks to the top
/// of the window while the panel scrolls by (guide-page.css).
extension ScopeSelectorPanel {
    /// Chips shown; the rest of a larger selection is counted ("and 9 more"), so a page that
    /// selects thousands of actions does not carry thousands of chips.
    static let chipLimit = 50

    func selectionSummaryHTML() -> String {
        let e = HTMLEscaping.escape
        let actions = tailored.connector.actions(in: url.selection)
        var html = "<div class=\"sg-selection\" data-guide-selection>\n"
            + "<p class=\"sg-selection-count\" aria-live=\"polite\" data-guide-selection-count>\(Self.selectionCount(actions.count))</p>\n"
            + "<p class=\"sg-chips\" data-guide-selection-chips data-guide-chip-limit=\"\(Self.chipLimit)\">"
        for action in actions.prefix(Self.chipLimit) {
            let id = e(action.id.rawValue), label = e(action.label)
            html += "<button type=\"button\" class=\"sg-chip sg-chip-remove\" data-guide-deselect=\"\(id)\" title=\"Remove \(id) from the selection\" "
                + "aria-label=\"Remove \(label)\"><span>\(label)</span><span class=\"sg-chip-x\" aria-hidden=\"true\">×</span></button>"
        }
        if actions.count > Self.chipLimit {
            html += "<span class=\"sg-muted\" data-guide-selection-more>and \(Self.grouped(actions.count - Self.chipLimit)) more</span>"
        }
        return html + "</p>\n</div>\n"
    }

    /// "3 actions selected"; the script writes the same (`selectionCount` in guide-page.js).
    static func selectionCount(_ count: Int) -> String {
        switch count {
        case 0: "No actions selected: the guide shows every step"
        case 1: "1 action selected"
        default: "\(grouped(count)) actions selected"
        }
    }
}
