import ScopeGuideCore

/// The Hub's scope selector, as its MDX pages carry it in a `<Panel>`: the connector's action
/// catalogue in `data-guide-actions-json`, then the selector's fixed markup (search box, list,
/// dynamic guide URL, scopes and separator), which the Hub's page script brings to life.
///
/// The catalogue is `[{"id": …, "label": …, "scopes": […]}]` in catalogue order, each action
/// needing all of its scopes. An action with alternatives (`anyOf`) lists its first there, as
/// the Hub's script expects, and all of them in `"anyOf"`, which the Hub's script ignores and
/// `scopeguide import` reads back.
enum MDXScopeSelectorPanel {
    /// The `<Panel>` for `connector`; `nil` for a connector without actions, whose page has none.
    static func mdx(for connector: Connector) -> String? {
        guard !connector.actions.isEmpty else { return nil }
        let json = MDXText.attribute(actionsJSON(connector))
        return """
        <Panel>
          <div className="not-prose guides-scope-selector" data-guides-scope-selector data-guide-actions-json="\(json)" style={{ borderRadius: '8px', padding: '16px', marginBottom: '24px' }}>
            <div className="guides-scope-selector__title" style={{ fontSize: '16px', fontWeight: '600', marginBottom: '12px' }}>Select Actions to adjust the guide</div>
            <div className="guides-scope-selector__muted" style={{ fontSize: '13px', marginBottom: '12px' }}>Some actions may require additional configuration in the provider to be accessible. Choose the actions you need and the guide will be updated.</div>

            <div style={{ display: 'flex', gap: '8px', marginBottom: '12px', flexWrap: 'wrap' }}>
              <input type="text" placeholder="Search actions..." className="guides-scope-selector__input" data-guide-action-search style={{ padding: '8px 12px', borderRadius: '6px', fontSize: '13px', flex: 1, minWidth: '160px' }} />

              <button type="button" className="guides-scope-selector__quick-btn" data-guide-select-all style={{ padding: '6px 10px', borderRadius: '6px', fontSize: '12px', cursor: 'pointer' }}>Select all</button>
              <button type="button" className="guides-scope-selector__quick-btn" data-guide-clear style={{ padding: '6px 10px', borderRadius: '6px', fontSize: '12px', cursor: 'pointer' }}>Clear</button>
            </div>

            <div className="guides-scope-selector__list" style={{ maxHeight: '240px', overflowY: 'auto', borderRadius: '6px', marginBottom: '12px' }}>
              <div className="guides-scope-selector__list-header" style={{ display: 'flex', alignItems: 'center', gap: '10px', padding: '8px 12px', fontSize: '12px', fontWeight: '600', position: 'sticky', top: 0, zIndex: 1 }}>
                <div style={{ width: '16px', flexShrink: 0 }} />

                <div style={{ flex: 1, textAlign: 'left' }}>Action</div>
                <div style={{ minWidth: '120px', marginLeft: 'auto', textAlign: 'right' }}>Scope(s)</div>
              </div>

              <div className="guides-scope-selector__muted" data-guide-loading style={{ padding: '16px', textAlign: 'center', fontSize: '13px' }}>Loading actions...</div>
              <div className="guides-scope-selector__muted" data-guide-no-results hidden style={{ padding: '16px', textAlign: 'center', fontSize: '13px' }}>No actions match your search.</div>
            </div>

            <div className="guides-scope-selector__url-section" style={{ marginTop: '12px', paddingTop: '12px' }}>
              <div className="guides-scope-selector__muted" style={{ fontSize: '12px', fontWeight: '500', marginBottom: '6px' }}>Dynamic Guide URL</div>

              <div style={{ display: 'flex', alignItems: 'center', gap: '8px', flexWrap: 'wrap' }}>
                <input type="text" readOnly className="guides-scope-selector__input" data-guide-url style={{ flex: 1, minWidth: '200px', padding: '8px 10px', borderRadius: '6px', fontSize: '12px', fontFamily: 'monospace' }} />

                <button type="button" className="guides-scope-selector__copy-btn" data-guide-copy-url style={{ width: '120px', padding: '8px 14px', borderRadius: '6px', fontSize: '13px', fontWeight: '500', cursor: 'pointer', whiteSpace: 'nowrap', marginLeft: 'auto' }}>Copy URL</button>
              </div>

              <div style={{ marginTop: '12px' }}>
                <div className="guides-scope-selector__muted" style={{ fontSize: '12px', fontWeight: '500', marginBottom: '6px' }}>Scopes Selected</div>

                <div style={{ display: 'flex', alignItems: 'stretch', gap: '8px', flexWrap: 'wrap' }}>
                  <pre className="guides-scope-selector__input" role="textbox" aria-readonly="true" tabIndex={0} data-guide-scopes-output style={{ flex: 1, minWidth: '200px', minHeight: '88px', maxHeight: '120px', overflowY: 'auto', margin: 0, padding: '8px 10px', borderRadius: '6px', fontSize: '12px', fontFamily: 'monospace', whiteSpace: 'pre-wrap' }} />

                  <div className="guides-scope-selector__muted" style={{ display: 'flex', flexDirection: 'column', gap: '8px', fontSize: '12px', fontWeight: '500', flexShrink: 0, alignItems: 'flex-start' }}>
                    <div style={{ whiteSpace: 'nowrap' }}>Separator</div>

                    <select className="guides-scope-selector__input" data-guide-scope-delimiter style={{ width: '100%', padding: '6px 10px', borderRadius: '6px', fontSize: '12px' }}>
                      <option value="space">Space</option>
                      <option value="comma">Comma</option>
                      <option value="semicolon">Semicolon</option>
                      <option value="pipe">Pipe</option>
                      <option value="newline">Newline</option>
                    </select>

                    <button type="button" className="guides-scope-selector__copy-btn" data-guide-copy-scopes style={{ width: '120px', padding: '8px 14px', borderRadius: '6px', fontSize: '13px', fontWeight: '500', cursor: 'pointer', whiteSpace: 'nowrap' }}>Copy scopes</button>
                  </div>
                </div>
              </div>
            </div>
          </div>
        </Panel>
        """
    }

    /// The catalogue as compact JSON, keys in the Hub's order.
    static func actionsJSON(_ connector: Connector) -> String {
        let names = { (scopes: [Scope]) in PrettyJSON.strings(scopes.map(\.rawValue)) }
        return PrettyJSON.array(connector.actions.map { action in
            let alternatives = action.requirement.alternatives
            return .orderedObject([
                ("id", .string(action.id.rawValue)), ("label", .string(action.label)), ("scopes", names(alternatives.first ?? [])),
                ("anyOf", alternatives.count > 1 ? .array(alternatives.map(names)) : nil),
            ])
        }).text(.compact, escapingMarkup: true)
    }
}
