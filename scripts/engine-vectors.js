/*
 * Replays the shared engine vectors (Tests/ScopeGuideTests/Support/EngineVectors.swift writes
 * them) against the page script's engine: the same answers as the Swift engine, case by case;
 * resolutions (`replayEngineVectors`), customer variables (`replayVariableVectors`) and consent
 * stages (`replayStageVectors`, StageVectors.swift).
 * Plain ES2020, no module syntax, so that Node (`js-engine-selftest.mjs --vectors` and
 * `--variable-vectors`) and a browser page (BrowserParityTests) run this very file.
 */
"use strict";

// `var`: a global both hosts reach.
var replayEngineVectors = function (E, corpus) {
  /** JSON with sorted keys, as Swift's encoder writes the expected answers. */
  const canonical = (value) => {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => JSON.stringify(k) + ":" + canonical(value[k])).join(",") + "}";
    }
    return JSON.stringify(value);
  };
  const result = { cases: 0, passed: 0, failed: 0, nonOptimal: 0, withLevelsAndConstraints: 0, failures: [] };
  for (const catalogue of corpus.catalogues) {
    const model = E.prepare(catalogue.data);
    const levelled = Array.isArray(catalogue.data.levels);
    for (const testCase of catalogue.cases) {
      result.cases += 1;
      if (!testCase.expected.optimal) result.nonOptimal += 1;
      if (levelled && testCase.granted.length + testCase.refused.length > 0) result.withLevelsAndConstraints += 1;
      const r = E.resolve(model, testCase.selection, {
        granted: testCase.granted,
        refused: testCase.refused,
        nodeBudget: testCase.nodeBudget,
        workBudget: testCase.workBudget,
      });
      const chosenAlternatives = {};
      for (const [id, alternative] of Object.entries(r.chosenAlternatives)) chosenAlternatives[id] = alternative.map((n) => model.scopes[n]);
      const actual = {
        chosenAlternatives,
        grant: r.grant
          ? { add: r.grant.add, change: r.grant.change, drop: r.grant.drop, enabled: r.grant.enabled, reconsent: r.grant.reconsent, request: r.grant.request, unneeded: r.grant.unneeded }
          : undefined,
        optimal: r.optimal,
        pending: r.pending === null ? undefined : r.pending,
        scopes: r.scopeNames,
        unavailable: r.unavailable,
        usesDefaultScopes: r.usesDefaultScopes,
      };
      const a = canonical(actual);
      const b = canonical(testCase.expected);
      if (a === b) result.passed += 1;
      else {
        result.failed += 1;
        if (result.failures.length < 10) {
          result.failures.push(`${catalogue.data.connector} ${JSON.stringify({ selection: testCase.selection, granted: testCase.granted, refused: testCase.refused })}\n  engine ${b}\n  script ${a}`);
        }
      }
    }
  }
  return result;
};

/**
 * Replays the shared variable vectors (EngineVectors.variableCorpus): each case is a query of
 * `var.<name>` parameters and the engine's answer. The page's parser must report the engine's
 * error first (the engine stops at its first problem; the page reports them all, in the
 * engine's order), or none when the engine accepts the query, and keep exactly the values the
 * engine accepts (`kept`), so what it puts in the dynamic URL is what the engine takes.
 */
var replayVariableVectors = function (E, corpus) {
  const canonical = (value) =>
    value && typeof value === "object"
      ? "{" + Object.keys(value).sort().map((k) => JSON.stringify(k) + ":" + JSON.stringify(value[k])).join(",") + "}"
      : JSON.stringify(value);
  const result = { cases: 0, passed: 0, failed: 0, refused: 0, failures: [] };
  for (const connector of corpus.connectors) {
    const model = E.prepare(connector.data);
    for (const testCase of connector.cases) {
      result.cases += 1;
      const expectedError = testCase.error === undefined ? null : testCase.error;
      if (expectedError !== null) result.refused += 1;
      const parsed = E.parseQuery(model, testCase.query);
      const actualError = parsed.errors.length > 0 ? parsed.errors[0].message : null;
      const problems = [];
      if (actualError !== expectedError) problems.push(`error: engine ${JSON.stringify(expectedError)}, page ${JSON.stringify(actualError)}`);
      if (testCase.kept !== undefined && canonical(parsed.variables) !== canonical(testCase.kept)) {
        problems.push(`kept: engine ${canonical(testCase.kept)}, page ${canonical(parsed.variables)}`);
      }
      if (problems.length === 0) result.passed += 1;
      else {
        result.failed += 1;
        if (result.failures.length < 15) result.failures.push(`${model.connector} ${testCase.kind} ${JSON.stringify(testCase.query)}\n  ${problems.join("\n  ")}`);
      }
    }
  }
  return result;
};

/** Queries with `stages=` (StageVectors.swift): the engine's first error, or its canonical query and stage plan. */
var replayStageVectors = function (E, corpus) {
  const canonical = (value) => {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => JSON.stringify(k) + ":" + canonical(value[k])).join(",") + "}";
    }
    return JSON.stringify(value);
  };
  const result = { cases: 0, passed: 0, failed: 0, plans: 0, refused: 0, failures: [] };
  for (const catalogue of corpus.catalogues) {
    const model = E.prepare(catalogue.data);
    for (const testCase of catalogue.cases) {
      result.cases += 1;
      const parsed = E.parseQuery(model, testCase.query);
      const problems = [];
      const actualError = parsed.errors.length > 0 ? parsed.errors[0].message : null;
      const expectedError = testCase.error === undefined ? null : testCase.error;
      if (expectedError !== null) result.refused += 1;
      if (actualError !== expectedError) problems.push(`error: engine ${JSON.stringify(expectedError)}, page ${JSON.stringify(actualError)}`);
      if (expectedError === null && actualError === null) {
        const request = { selection: parsed.selection, stages: parsed.stages || [], granted: parsed.constraints.granted, refused: parsed.constraints.refused };
        const query = E.buildQuery(model, request);
        if (query !== testCase.canonical) problems.push(`canonical: engine ${JSON.stringify(testCase.canonical)}, page ${JSON.stringify(query)}`);
        if ((parsed.stages !== null) !== (testCase.plan !== undefined)) problems.push(`stages: engine ${testCase.plan ? "some" : "none"}, page ${JSON.stringify(parsed.stages)}`);
        if (testCase.plan !== undefined && parsed.stages !== null) {
          result.plans += 1;
          const plan = E.planStages(model, parsed.stages, { granted: request.granted, refused: request.refused });
          for (const stage of plan.stages) {
            const link = E.prefillLink(model, stage.request, stage.actions);
            if (link) stage.prefill = { kind: link.kind, url: link.url };
          }
          if (canonical(plan) !== canonical(testCase.plan)) problems.push(`plan: engine ${canonical(testCase.plan)}\n  page   ${canonical(plan)}`);
        }
      }
      if (problems.length === 0) result.passed += 1;
      else {
        result.failed += 1;
        if (result.failures.length < 15) result.failures.push(`${model.connector} ${JSON.stringify(testCase.query)}\n  ${problems.join("\n  ")}`);
      }
    }
  }
  return result;
};

if (typeof module !== "undefined") module.exports = { replayEngineVectors, replayVariableVectors, replayStageVectors };
