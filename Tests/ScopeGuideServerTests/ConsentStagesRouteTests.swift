import Foundation
import Hummingbird
import HummingbirdTesting
import ScopeGuide
import Testing
@testable import ScopeGuideServer

/// Issue 24: `stages=` reaches every route with the engine's meaning.
@Suite struct ConsentStagesRouteTests {
    let frontPath = ServerFixtures.frontPath

    @Test("stages= on the page, .md and .json is the renderer's answer for that URL; a bad stage is 400 naming it")
    func stagesEverywhere() async throws {
        let app = ServerFixtures.app(linksToRequestHost: false)
        let query = "?stages=front_list_conversations;front_create_contact,front_send_message&granted=conversations:read"
        let url = try GuideRequest(parsing: ServerFixtures.catalog.site.docsBaseURL + frontPath + query, in: ServerFixtures.catalog)
        #expect(url.stages.count == 2)
        try await app.test(.router) { client in
            for (suffix, format) in [("", RenderFormat.html), (".md", .markdown), (".json", .json)] {
                let response = try await client.execute(uri: frontPath + suffix + query, method: .get)
                #expect(response.status == .ok, "\(suffix)")
                #expect(response.text == ServerFixtures.renderer.render(url, as: format, assets: .linked(prefix: "/assets/")), "\(suffix)")
            }
            let json = try await client.execute(uri: frontPath + ".json" + query, method: .get)
            let report = try JSONDecoder().decode(ResolutionReport.self, from: Data(json.text.utf8))
            #expect(report.stages?.map(\.request) == [[], ["contacts:write", "conversations:read", "messages:send"]])
            #expect(report.url.hasSuffix("&stages=front_list_conversations;front_create_contact,front_send_message&granted=conversations:read"))
            let markdown = try await client.execute(uri: frontPath + ".md" + query, method: .get)
            #expect(markdown.text.contains("## Consent in stages"))
            let bad = try await client.execute(uri: frontPath + ".json?stages=front_send_message;front_send_message", method: .get)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("is in stage 1 and stage 2 of stages="))
        }
    }
}
