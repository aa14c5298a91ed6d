// `import ScopeGuide` is the whole library: the engine, rendering and importers are separate
// targets so that their boundaries are checked by the compiler (only ScopeGuideRendering sees
// cmark), but a library user needs one import.
@_exported import ScopeGuideCore
@_exported import ScopeGuideImport
@_exported import ScopeGuideRendering
