import Foundation
import ScopeGuideCore

/// GitHub's fine-grained personal access token permission file, decoded
/// (`src/github-apps/data/<version>/fine-grained-pat-permissions.json` in github/docs): one
/// object per permission, keyed by its name (`issues`, `organization_administration`), with a
/// `title`, a `displayTitle` (`Repository permissions for "Issues"`) and a `permissions` list
/// of the REST endpoints it covers and the access each needs.
///
/// Keys the importer does not use are ignored, so later versions of the file still decode. The
/// values it uses are checked here, all of them, and every problem is reported at its JSON path.
struct GitHubPermissionFile: Hashable, Sendable {
    /// One permission (a top-level key) and the endpoints it covers.
    struct Group: Hashable, Sendable {
        /// The key: the permission's name, which becomes the scopes' first part (`issues:read`).
        var name: String
        var title: String
        var displayTitle: String?
        var entries: [Entry]

        /// What `displayTitle` says the permission belongs to: `repository`, `organization` or
        /// `user` (`Repository permissions for "Issues"`); `nil` when it says nothing of the kind.
        var kind: String? {
            guard let displayTitle, let range = displayTitle.range(of: " permissions for ") else { return nil }
            let word = displayTitle[..<range.lowerBound]
            guard !word.isEmpty, word.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
            return word.lowercased()
        }
    }

    /// One endpoint under one permission.
    struct Entry: Hashable, Sendable {
        var slug: String
        var verb: String
        var requestPath: String
        var category: String
        var subcategory: String
        var access: GitHubAccessLevel
        var additionalPermissions: Bool
    }

    /// In code-point order of their names; the importer orders them for the guide itself.
    var groups: [Group]

    /// Decodes and checks `data`; `file` names it in errors.
    /// - Throws: every problem found, each at its JSON path.
    static func decode(_ data: Data, file: String) throws(GitHubFineGrainedImportError) -> GitHubPermissionFile {
        let raw: RawFile
        do {
            raw = try JSONDecoder().decode(RawFile.self, from: data)
        } catch let error as DecodingError {
            throw GitHubFineGrainedImportError(file: file, problems: [problem(error, data: data)])
        } catch {
            throw GitHubFineGrainedImportError(file: file, .invalidJSON("\(error)"))
        }
        var problems: [GitHubFineGrainedImportError.Problem] = []
        var groups: [Group] = []
        for (name, body) in raw.groups {
            let path = pathComponent(name, first: true)
            if !isToken(name, allowing: "_-") {
                problems.append(.init(path: path, reason: .invalidValue(name, expected: "a permission name of lowercase letters, digits, '_' and '-'")))
            }
            var entries: [Entry] = []
            for (index, item) in body.permissions.enumerated() {
                let at = "\(path).permissions[\(index)]"
                func check(_ value: String, _ key: String, _ valid: Bool, _ expected: String) {
                    if !valid { problems.append(.init(path: "\(at).\(key)", reason: .invalidValue(value, expected: expected))) }
                }
                check(item.slug, "slug", isToken(item.slug, allowing: "_-"), "a slug of lowercase letters, digits, '-' and '_'")
                check(item.verb, "verb", item.verb.count <= 16 && isToken(item.verb, allowing: ""), "an HTTP method in lowercase letters")
                check(item.requestPath, "requestPath", isRequestPath(item.requestPath), "a request path starting with '/'")
                check(item.category, "category", isToken(item.category, allowing: "_-"), "a category of lowercase letters, digits, '-' and '_'")
                check(item.subcategory, "subcategory", isToken(item.subcategory, allowing: "_-"), "a subcategory of lowercase letters, digits, '-' and '_'")
                let access = GitHubAccessLevel(rawValue: item.access)
                check(item.access, "access", access != nil, "read, write or admin")
                guard let access else { continue }
                entries.append(Entry(
                    slug: item.slug, verb: item.verb, requestPath: item.requestPath, category: item.category,
                    subcategory: item.subcategory, access: access, additionalPermissions: item.additionalPermissions ?? false))
            }
            let title = body.title.trimmingCharacters(in: .whitespacesAndNewlines)
            groups.append(Group(name: name, title: title.isEmpty ? name.replacingOccurrences(of: "_", with: " ") : title,
                                displayTitle: body.displayTitle, entries: entries))
        }
        if problems.isEmpty, groups.allSatisfy(\.entries.isEmpty) {
            problems.append(.init(path: "", reason: .noPermissions))
        }
        guard problems.isEmpty else { throw GitHubFineGrainedImportError(file: file, problems: problems) }
        return GitHubPermissionFile(groups: groups)
    }

    // MARK: Checks

    /// Lowercase ASCII letters and digits, and the characters in `extra`, starting with a letter
    /// or digit; at most 200 characters. Slugs, categories and permission names become parts of
    /// action ids and scope names, which allow no spaces, and are short in every real file.
    private static func isToken(_ text: String, allowing extra: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.utf8.count <= 200 else { return false }
        func plain(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) }
        return plain(first) && text.unicodeScalars.allSatisfy { plain($0) || extra.unicodeScalars.contains($0) }
    }

    /// `/` and then printable ASCII without spaces, at most 2,000 characters.
    private static func isRequestPath(_ path: String) -> Bool {
        path.hasPrefix("/") && path.utf8.count <= 2000 && path.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    // MARK: Decoding errors

    /// The decoder's error as a problem at its JSON path.
    private static func problem(_ error: DecodingError, data: Data) -> GitHubFineGrainedImportError.Problem {
        switch error {
        case .typeMismatch(let type, let context):
            return .init(path: path(context.codingPath), reason: .wrongType(expected: describe(type), foundNull: false))
        case .valueNotFound(let type, let context):
            return .init(path: path(context.codingPath), reason: .wrongType(expected: describe(type), foundNull: true))
        case .keyNotFound(let key, let context):
            let expected = RawEntry.CodingKeys(stringValue: key.stringValue).map(RawEntry.expected) ?? (key.stringValue == "permissions" ? "a list" : "a string")
            return .init(path: path(context.codingPath + [key]), reason: .missingKey(expected: expected))
        case .dataCorrupted(let context):
            let why = context.codingPath.isEmpty ? syntaxError(in: data) ?? context.debugDescription : context.debugDescription
            return .init(path: path(context.codingPath), reason: context.codingPath.isEmpty ? .invalidJSON(why) : .invalidValue(why, expected: "valid"))
        @unknown default:
            return .init(path: "", reason: .invalidJSON("\(error)"))
        }
    }

    /// Where the JSON goes wrong ("Invalid value around character 9."): the decoder says only
    /// that it is not JSON, the serialization parser says where. Run on the error path only.
    private static func syntaxError(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            return (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is [RawEntry].Type, is [Any].Type: "a list"
        default: "an object"
        }
    }

    /// `issues.permissions[3].verb`: keys joined with dots, list positions in brackets, and a
    /// key that is not a plain name quoted (`["a b"].permissions`).
    static func path(_ codingPath: [CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += pathComponent(key.stringValue, first: text.isEmpty)
            }
        }
        return text
    }

    private static func pathComponent(_ key: String, first: Bool) -> String {
        let plain = !key.isEmpty && key.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
        if plain { return first ? key : ".\(key)" }
        let quoted = key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "[\"\(quoted)\"]"
    }

    // MARK: The file's JSON

    /// The file as JSON has it: permission names to their bodies, in code-point order of the
    /// names. The decoder keeps an object's keys in a dictionary, whose order changes from run to
    /// run; sorted, the same file always reports the same first error.
    private struct RawFile: Decodable {
        var groups: [(String, RawGroup)]

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            let keys = container.allKeys.sorted { $0.stringValue.unicodeScalars.lexicographicallyPrecedes($1.stringValue.unicodeScalars) }
            groups = try keys.map { key in (key.stringValue, try container.decode(RawGroup.self, forKey: key)) }
        }
    }

    private struct RawGroup: Decodable {
        var title: String
        var displayTitle: String?
        var permissions: [RawEntry]
    }

    private struct RawEntry: Decodable {
        var slug: String
        var verb: String
        var requestPath: String
        var category: String
        var subcategory: String
        var access: String
        var additionalPermissions: Bool?

        enum CodingKeys: String, CodingKey {
            case slug, verb, requestPath, category, subcategory, access
            case additionalPermissions = "additional-permissions"
        }

        static func expected(_ key: CodingKeys) -> String {
            key == .additionalPermissions ? "true or false" : "a string"
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
