/// The whole catalogue's actions by scope number, so the search can measure a granted set's
/// *authority*: how many of the connector's actions it enables, selected or not.
///
/// Two answers with the same privilege levels and scope count can differ a lot in what they
/// hand out: Google lists `https://mail.google.com/` (all mail, forever) beside `gmail.readonly`
/// for the same method, in alphabetical order. Authority makes the narrower one win on what it
/// grants rather than on where it sits in the file.
///
/// Actions that need no scope are left out: any grant enables them, so they never tell two
/// answers apart. Stored flat (an 11,000-action catalogue would otherwise allocate an array per
/// alternative).
struct ActionIndex: Sendable {
    /// Scope numbers of every alternative, one after another.
    private var scopes: [Int] = []
    /// `alternativeEnds[k]`: where alternative `k` ends in ``scopes``.
    private var alternativeEnds: [Int] = []
    /// `actionEnds[a]`: where action `a`'s alternatives end in ``alternativeEnds``.
    private var actionEnds: [Int] = []
    /// `mentions[s]`: the indexed actions an alternative of which names scope `s`, ascending.
    private(set) var mentions: [[Int]]

    /// How many actions need a scope: the "of N" in "enables 12 of N actions".
    var count: Int { actionEnds.count }

    /// - Parameter numbers: the graph's scope numbers; every scope an action names has one.
    init(_ actions: [Action], numbers: [Scope: Int], scopeCount: Int) {
        mentions = Array(repeating: [], count: scopeCount)
        for action in actions where !action.requirement.isEmpty {
            let index = actionEnds.count
            for alternative in action.requirement.alternatives {
                for scope in alternative {
                    guard let number = numbers[scope] else { continue }
                    scopes.append(number)
                    if mentions[number].last != index { mentions[number].append(index) }
                }
                alternativeEnds.append(scopes.count)
            }
            actionEnds.append(alternativeEnds.count)
        }
    }

    /// Whether indexed action `action` has an alternative all of whose scopes `granted` holds.
    func isEnabled(_ action: Int, by granted: Bitset) -> Bool {
        alternatives(of: action).contains { k in scopes[scopeStart(of: k)..<alternativeEnds[k]].allSatisfy(granted.contains) }
    }

    /// Indexed action `action`'s alternatives, as indices into ``alternativeEnds``.
    private func alternatives(of action: Int) -> Range<Int> {
        (action == 0 ? 0 : actionEnds[action - 1])..<actionEnds[action]
    }

    /// Where alternative `k`'s scopes start in ``scopes``.
    private func scopeStart(of k: Int) -> Int { k == 0 ? 0 : alternativeEnds[k - 1] }

    /// How many actions `granted` (a closure) enables. Only actions naming one of its members
    /// can be enabled, so the walk is over their mentions, not the whole catalogue.
    func authority(of granted: Bitset) -> Int {
        var visited = 0
        return authority(of: granted, visited: &visited)
    }

    /// ``authority(of:)``, adding to `visited` the mentions it walked (the search counts them as work).
    func authority(of granted: Bitset, visited: inout Int) -> Int {
        var seen = Bitset(capacity: count)
        var total = 0
        for scope in granted.members where scope < mentions.count {
            let actions = mentions[scope]
            visited += actions.count
            for action in actions where !seen.contains(action) {
                seen.insert(action)
                if isEnabled(action, by: granted) { total += 1 }
            }
        }
        return total
    }

    /// Every scope named by an action that also names a member of `set`: what decides whether
    /// adding members of `set` enables those actions.
    func scopesBeside(_ set: Bitset) -> Bitset {
        var result = Bitset(capacity: mentions.count)
        var seen = Bitset(capacity: count)
        set.forEachMember { scope in
            guard scope < mentions.count else { return }
            for action in mentions[scope] where !seen.contains(action) {
                seen.insert(action)
                let range = alternatives(of: action)
                for number in scopes[scopeStart(of: range.lowerBound)..<alternativeEnds[range.upperBound - 1]] { result.insert(number) }
            }
        }
        return result
    }
}
