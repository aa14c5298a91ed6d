import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct SnakeCaseTests {
    @Test(
        "dotted camelCase method ids become snake_case action ids",
        arguments: [
            ("gmail.users.messages.list", "gmail_users_messages_list"),
            ("gmail.users.settings.sendAs.smimeInfo.setDefault", "gmail_users_settings_send_as_smime_info_set_default"),
            ("drive.files.getIamPolicy", "drive_files_get_iam_policy"),
            ("healthcare.fhirStores.fhir.Binary-create", "healthcare_fhir_stores_fhir_binary_create"),
            ("container.clusters.well-known.getOpenid-configuration", "container_clusters_well_known_get_openid_configuration"),
            ("x.HTTPServer.get", "x_http_server_get"),
            ("x.listRBACRoles", "x_list_rbac_roles"),
            ("prod_tt_sasportal.nodes.get", "prod_tt_sasportal_nodes_get"),
            ("youtubeAnalytics.v2.reports", "youtube_analytics_v2_reports"),
            ("compute.v1.instances", "compute_v1_instances"),
        ])
    func identifier(name: String, id: String) {
        #expect(SnakeCase.identifier(name) == id)
    }

    @Test("names with other characters, or nothing but separators, make no identifier", arguments: ["x.a b", "x.é", "x/y", "", "..", "x:y"])
    func invalid(name: String) {
        #expect(SnakeCase.identifier(name) == nil)
    }
}
