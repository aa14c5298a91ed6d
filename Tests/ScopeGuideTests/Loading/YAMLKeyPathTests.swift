import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct YAMLKeyPathTests {
    @Test("the root's path is empty")
    func root() {
        #expect(YAMLKeyPath.root.description == "")
    }

    @Test("keys join with dots, indices in brackets")
    func keysAndIndices() {
        let path = YAMLKeyPath.root.appending(key: "authentication").appending(index: 0).appending(key: "oauth")
            .appending(key: "configFields").appending(index: 12).appending(key: "label")
        #expect(path.description == "authentication[0].oauth.configFields[12].label")
    }

    @Test("a key that is not letters, digits, _ and - is quoted in brackets", arguments: [
        ("items:read", #"scopeDefinitions["items:read"].includes"#),
        ("a b", #"scopeDefinitions["a b"].includes"#),
        ("", #"scopeDefinitions[""].includes"#),
        ("ключ_1-x", "scopeDefinitions.ключ_1-x.includes"),
    ])
    func quotedKeys(_ key: String, _ expected: String) {
        let path = YAMLKeyPath.root.appending(key: "scopeDefinitions").appending(key: key).appending(key: "includes")
        #expect(path.description == expected)
    }

    @Test("at the root, a quoted key or an index has no dot before it")
    func atRoot() {
        #expect(YAMLKeyPath.root.appending(key: "a.b").description == #"["a.b"]"#)
        #expect(YAMLKeyPath.root.appending(index: 3).appending(key: "id").description == "[3].id")
    }

    @Test("paths that share a parent spell out independently")
    func sharedParent() {
        let item = YAMLKeyPath.root.appending(key: "actions").appending(index: 1)
        let id = item.appending(key: "id"), label = item.appending(key: "label")
        #expect([id.description, label.description, item.description] == ["actions[1].id", "actions[1].label", "actions[1]"])
    }

    @Test("a sealed path spells as before, and paths below it as below the unsealed one")
    func sealed() {
        let list = YAMLKeyPath.root.appending(key: "actions")
        let sealed = list.sealed
        #expect(sealed.description == "actions")
        #expect(sealed.sealed.description == "actions")
        #expect(sealed.appending(index: 2).appending(key: "id").description == list.appending(index: 2).appending(key: "id").description)
        #expect(YAMLKeyPath.root.sealed.description == "")
        #expect(YAMLKeyPath.root.sealed.appending(key: "a b").description == #"["a b"]"#)
    }
}
