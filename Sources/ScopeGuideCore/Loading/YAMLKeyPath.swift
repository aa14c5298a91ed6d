/// Where a node sits in its document, spelled like `actions[3].requiredScopes` or
/// `scopeDefinitions["items:read"].includes`.
///
/// A path is kept as links from the node up to the root and only spelled out, by
/// ``description``, when a problem is reported: almost every node decodes without one, and
/// building each node's path string up front was a tenth of the time spent loading. The last
/// step is kept in the path itself and becomes a link only when a path is made below it, so a
/// path costs no allocation until it has children: ``sealed`` makes that link once for all the
/// items of a list.
struct YAMLKeyPath: Sendable, CustomStringConvertible {
    /// One step down from the parent: a mapping key or a sequence index.
    private enum Component: Sendable {
        case key(String)
        case index(Int)
    }

    /// A class, so that the paths of a node's children share the node's links.
    private final class Link: Sendable {
        let parent: Link?
        let component: Component

        init(parent: Link?, component: Component) {
            self.parent = parent
            self.component = component
        }
    }

    /// The steps before ``last``.
    private let parent: Link?
    /// The last step; `nil` at the root, or when ``parent`` holds every step.
    private let last: Component?

    /// The document's root, whose path is empty.
    static let root = YAMLKeyPath(parent: nil, last: nil)

    private init(parent: Link?, last: Component?) {
        self.parent = parent
        self.last = last
    }

    /// Every step as links: the same path, below which paths share them.
    var sealed: YAMLKeyPath {
        guard let last else { return self }
        return YAMLKeyPath(parent: Link(parent: parent, component: last), last: nil)
    }

    /// The path of the value of `key` in the mapping at this path.
    func appending(key: String) -> YAMLKeyPath {
        YAMLKeyPath(parent: sealed.parent, last: .key(key))
    }

    /// The path of item `index` of the sequence at this path.
    func appending(index: Int) -> YAMLKeyPath {
        YAMLKeyPath(parent: sealed.parent, last: .index(index))
    }

    /// The path as messages show it: keys of letters, digits, `_` and `-` joined with `.`, any
    /// other key quoted in brackets (`["a b"]`), indices in brackets; empty at the root.
    var description: String {
        var components: [Component] = last.map { [$0] } ?? []
        var link = parent
        while let current = link {
            components.append(current.component)
            link = current.parent
        }
        var path = ""
        for component in components.reversed() {
            switch component {
            case .key(let key):
                let simple = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                let spelled = simple ? key : "[\"\(key)\"]"
                path = path.isEmpty ? spelled : simple ? "\(path).\(spelled)" : path + spelled
            case .index(let index):
                path += "[\(index)]"
            }
        }
        return path
    }
}
