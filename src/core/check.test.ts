/**
 * Completeness rules on documents written by hand (not by renderDocument): for each built-in
 * template a realistic complete document, a half-filled one with the exact missing titles,
 * and the traps authors set: `#` lines in code, front matter, comments left in, emoji in
 * headings, filled heading placeholders, N/A answers, checkboxes, issue-form `_No response_`,
 * and hostile input (deep nesting, huge heading counts, NUL bytes).
 */
import { describe, expect, it } from 'vitest';
import { checkMarkdown, type Report } from './check.ts';
import { parseTemplate } from './template/parse.ts';
import { TemplateError } from './template/errors.ts';
import type { Template } from './template/types.ts';
// These tests pair the core with the shipped templates.

import { findTemplateEntry } from '../templates/registry.ts';

import { readTemplateText } from '../templates/load-node.ts';

import { TEMPLATE_HINTS } from '../templates/hints.ts';

/** Documents are written with ´ for a backtick, so they fit in template literals. */
function written(strings: TemplateStringsArray, ...values: string[]): string {
  return String.raw(strings, ...values).replace(/´/g, '`');
}

function templateText(id: string): string {
  const entry = findTemplateEntry(id);
  if (!entry) throw new Error(`no template ${id}`);
  return readTemplateText(entry);
}

function builtIn(id: string): Template {
  const entry = findTemplateEntry(id)!;
  const hints = TEMPLATE_HINTS[id];
  return parseTemplate(readTemplateText(entry), entry.format, hints ? { hints } : {});
}

function check(id: string, doc: string): Report {
  return checkMarkdown(builtIn(id), doc);
}

function missing(report: Report): string[] {
  return report.missing.map((m) => m.title);
}

/**
 * What an author does with the template file: each listed heading line (and its own content,
 * up to the next heading outside code fences) is replaced by what they wrote. An empty
 * replacement deletes the block (an example instance the author removed).
 */
function fillSections(template: string, fills: [heading: string, block: string][]): string {
  const lines = template.split('\n');
  const out: string[] = [];
  let fence = false;
  let skipping = false;
  for (const line of lines) {
    const isFence = /^\s*(```|~~~)/.test(line);
    const isHeading = !fence && /^#{1,6} /.test(line);
    if (isFence) fence = !fence;
    if (isHeading) {
      skipping = false;
      const fill = fills.find(([h]) => h === line);
      if (fill) {
        skipping = true;
        if (fill[1] !== '') out.push(fill[1].replace(/\n+$/, ''), '');
        continue;
      }
    }
    if (!skipping) out.push(line);
  }
  const unused = fills.filter(([h]) => !lines.includes(h));
  if (unused.length)
    throw new Error(`headings not in the template: ${unused.map(([h]) => h).join(', ')}`);
  return out.join('\n');
}

const AI_FULL = written`
---
name: "Enhancement Request (AI Agent)"
about: Propose improvements to existing systems or workflows (AI agent version)
title: ":wrench:(catalog:crossplane): Cache provider credentials"
labels: enhancement
---

> \[!NOTE]
> **TLDR**: Enhance the Crossplane provider config to cache OpenBao credentials for faster reconciles.

## Background

**Current State:**

Every reconcile of a managed resource fetches credentials from OpenBao over the network.

**Scope:**

* Component: catalog:crossplane
* Affected Systems: amiya.akn cluster, OpenBao

**Pain Points:**

* Reconciles take 4 s on average
* OpenBao rate limits during bursts

**Motivation:**

We are moving 200 more resources to Crossplane next month.

## Requirements

**Primary Objectives:**

1. Cut reconcile time below 1 s
2. Keep credentials rotation working

**Success Criteria:**

* [ ] p95 reconcile under 1 s
* [x] Rotation tested end to end

**Must-Have Features:**

* In-memory credential cache with TTL

**Nice-to-Have Features:**

*
*

## Technical Considerations

**Architectural Impact:**

* [x] Infrastructure changes (Crossplane, Kubernetes manifests)
* [ ] GitOps configuration (ArgoCD ApplicationSets, Kustomize overlays)
* [ ] Network changes (Cilium policies, Envoy Gateway routes)
* [x] Security updates (Pocket-Id, OpenBao, network policies)
* [ ] Storage changes (Longhorn PVCs, CloudNative-PG databases)
* [ ] No architectural changes required

**Implementation Approach:**

Add a cache layer in the provider config controller; invalidate on lease expiry.

**Dependencies:**

* OpenBao 2.1 lease API

**Compatibility:**

* [x] Fully backward compatible (no migration needed)
* [ ] Requires migration (describe procedure below)
* [ ] Breaking changes (document impact and mitigation below)

**Migration Plan (if applicable):**

1.
2.
3.

**Risk Assessment:**

| Risk | Probability | Impact | Mitigation |
| ---- | ----------- | ------ | ---------- |
| Stale credentials | Low | High | TTL shorter than lease |

## Expected Benefits

**Operational Benefits:**

* Fewer OpenBao outages under load

**Technical Benefits:**

* Simpler retry logic

**User Experience Benefits:**

* Faster feedback after a push

**Maintenance Benefits:**

* Fewer alerts to triage

**Metrics to Track:**

* reconcile duration p95

## Implementation Plan (Optional)

**Phase 1: \[Phase Name]**

* [ ] Task 1
* [ ] Task 2

**Estimated Effort:**

<!-- Small / Medium / Large / XL -->

**Timeline Considerations:**

## Testing Strategy

**Test Scenarios:**
1. Cold cache reconcile
2. Lease expiry during reconcile

**Verification Steps:**

* [x] Functional testing
* [ ] Integration testing
* [ ] Performance testing
* [ ] Security testing
* [ ] Documentation updated

## Documentation Impact

* [ ] Architecture Decision Record (ADR)
* [ ] Bootstrap procedures
* [x] README updates
* [ ] Operational procedures
* [ ] Architecture diagrams (D2)
* [ ] Other: \_\_\_

## Alternative Approaches

**Alternative 1: Sidecar cache**

* Pros: no code change in the provider
* Cons: one more container per pod
* Reason not chosen: memory cost

## Additional Context

**References:**

* https://openbao.org/docs/concepts/lease

**Related Issues/PRs:**

* #123

**Inspiration:**

* N/A

***

<sub>Issue created by AI under human supervision</sub>
`;

const PR_FULL = written`
<!-- Use this template for significant new features or infrastructure additions -->

## Feature Overview

**Related Issue:** #412

> \[!NOTE]
> **Summary**: Adds a credential cache to the Crossplane provider so reconciles stop hammering OpenBao.

## Context and Motivation

**Current State:**

Each reconcile reads credentials from OpenBao.

**Problem Statement:**

Bursts of reconciles hit OpenBao's rate limit.

**Why Now:**

The catalog migration doubles the number of managed resources.

## Implementation Details

### Component 1: Credential cache

**Purpose:**

Keeps leased credentials in memory until shortly before expiry.

**Technical Details:**

An LRU keyed by provider config, refreshed by a background goroutine.

**Key Files Modified/Created:**

* ´internal/cache/cache.go´ - the cache
* ´internal/controller/config.go´ - wiring

## Architecture and Design Decisions

**Architectural Approach:**

Read-through cache in front of the existing client.

**Design Decisions:**

1. **Decision**: Cache in process rather than in a sidecar
   * **Rationale**: no extra container
   * **Alternatives Considered**: sidecar, Redis

**Infrastructure Impact:**

* [x] New Kubernetes resources/manifests
* [ ] Crossplane compositions or claims
* [ ] GitOps configuration (ArgoCD)
* [ ] Network architecture (Cilium, Envoy Gateway, Tailscale)
* [ ] Security infrastructure (Pocket-Id, OpenBao, network policies)
* [ ] Storage infrastructure (Longhorn, CloudNative-PG, S3)
* [ ] DNS/Certificate management
* [ ] Monitoring/Observability

**Integration Points:**

* Integrates with: OpenBao
  * Via: the lease API
  * Purpose: renew cached credentials

## Security Considerations

**Security Measures Implemented:**

* Credentials never written to disk
* Cache wiped on SIGTERM

**Attack Surface Analysis:**

A memory dump of the provider pod would expose cached credentials; pods run as non-root with no exec.

**Secrets Management:**

OpenBao leases, unchanged.

**Network Isolation:**

None: no new network paths.

## Testing and Validation

**Testing Performed:**

* [x] Local development environment testing
* [x] Cluster deployment and reconciliation
* [ ] Application functionality validation
* [ ] Integration testing with dependent services
* [ ] Security validation (network policies, authentication)
* [ ] Performance/load testing (if applicable)
* [ ] Disaster recovery testing (if applicable)

**Validation Instructions:**

´´´bash
# Watch reconcile durations
kubectl -n crossplane-system logs deploy/provider-openbao | grep duration
´´´

**Expected Outcomes:**

* reconcile durations under one second

**Test Results:**

p95 went from 4.1 s to 0.3 s on the staging cluster.

## Deployment Strategy

**Deployment Method:**

* [x] ArgoCD auto-sync
* [ ] Manual deployment with specific steps (document below)
* [ ] Phased rollout (describe stages below)

**Deployment Prerequisites:**

* OpenBao 2.1

**Deployment Steps:**

1. Merge; ArgoCD syncs the new image

**Verification After Deployment:**

´´´bash
kubectl get managed | grep -v True
´´´

**Rollback Procedure:**

1. Revert the image tag in the overlay

## Performance and Resource Impact

**Resource Requirements:**

* CPU: negligible
* Memory: +20 MiB
* Storage: none

**Performance Characteristics:**

Reconcile latency drops tenfold.

**Monitoring and Metrics:**

* provider_reconcile_duration_seconds

## Documentation

**Documentation Created/Updated:**

* [ ] Architecture Decision Record (ADR) - ´docs/decisions/XXX-title.md´
* [ ] Bootstrap procedures - ´projects/*/docs/BOOTSTRAP_*.md´
* [ ] Architecture diagrams (D2) - ´projects/*/architecture.d2´
* [x] README files updated
* [ ] Operational runbooks/procedures
* [ ] API documentation (if applicable)

**Documentation Links:**

* docs/provider-cache.md

## Migration and Compatibility

**Breaking Changes:**

* [ ] Yes (describe below)
* [x] No

**Migration Required:**

No.

**Backward Compatibility:**

Fully compatible.

**Deprecations:**

None.

## Future Considerations

**Follow-up Work:**

* Share the cache between providers

**Technical Debt:**

None introduced.

**Scalability Roadmap:**

Shard the cache per namespace if it grows.

## Additional Context

**References:**

* https://openbao.org/docs/concepts/lease

**Related PRs:**

* #410

**Screenshots/Diagrams:**

N/A

> \[!WARNING]
>
> The first reconcile after a restart is still slow.

***

## Review Focus Areas

**Critical Review Areas:**

* [x] Security implementation and network policies
* [ ] Resource limits and quotas
* [ ] Error handling and resilience
* [ ] Documentation completeness
* [ ] Deployment safety and rollback strategy
`;

/** The Markdown EP, filled section by section from the template file. */
const EP_FILLS: [string, string][] = [
  [
    '# EP-XXX: [Enhancement Title]',
    written`# EP-042: Per-process power attribution

**Status**: Draft
**Author**: Ada Lovelace
**Created**: 2026-11-02
**Last Updated**: 2026-11-20`,
  ],
  [
    '## Summary',
    written`## Summary

Attribute measured node power to individual processes using cgroup CPU time.`,
  ],
  [
    '## Problem Statement',
    written`## Problem Statement

Operators can see node power but not which workload drives it.`,
  ],
  [
    '### Current Limitations',
    written`### Current Limitations

1. Power is reported per node only.
2. Containers sharing a node cannot be compared.`,
  ],
  [
    '## Goals',
    written`## Goals

- **Primary Goal**: Report power per process.
- **Secondary Goal**: Aggregate per pod.`,
  ],
  [
    '## Non-Goals',
    written`## Non-Goals

- GPU power attribution.`,
  ],
  [
    '### Functional Requirements',
    written`### Functional Requirements

- Export a per-process power gauge.`,
  ],
  [
    '### Non-Functional Requirements',
    written`### Non-Functional Requirements

- **Performance**: under 1% CPU overhead.
- **Reliability**: no crash when cgroups disappear.
- **Security**: read-only access to /proc.
- **Maintainability**: one package.
- **Testability**: fake /proc in tests.`,
  ],
  [
    '### High-Level Architecture',
    written`### High-Level Architecture

A sampler reads cgroup CPU time every second and splits node power by share.

´´´text
RAPL --> sampler --> attribution --> exporter
´´´`,
  ],
  [
    '### Key Design Choices',
    written`### Key Design Choices

CPU time as the attribution key: available everywhere, cheap to read.`,
  ],
  [
    '### Package Structure',
    written`### Package Structure

´´´text
internal/
└── attribution/
    └── attribution.go
´´´`,
  ],
  [
    '### API/Interface Changes',
    written`### API/Interface Changes

A new ´Attributor´ interface with one method, ´Split(power float64) map[int]float64´.`,
  ],
  [
    '## Configuration',
    written`## Configuration

One new flag, ´--attribution.enabled´, off by default.`,
  ],
  [
    '### Main Configuration Changes',
    written`### Main Configuration Changes

´´´go
type AttributionConfig struct {
    Enabled *bool ´yaml:"enabled"´
}
´´´`,
  ],
  [
    '### Security Considerations',
    written`### Security Considerations

Needs read access to /proc, which the exporter already has.`,
  ],
  [
    '## Deployment Examples',
    written`## Deployment Examples

Kubernetes and bare metal, as below.`,
  ],
  [
    '### Kubernetes Environment',
    written`### Kubernetes Environment

´´´yaml
# DaemonSet excerpt
# ## not a heading either
args: ["--attribution.enabled=true"]
´´´`,
  ],
  [
    '### Standalone Deployment',
    written`### Standalone Deployment

´´´bash
# run with attribution
kepler --attribution.enabled=true
´´´`,
  ],
  [
    '### Test Coverage',
    written`### Test Coverage

- **Unit Tests**: splitting logic with a fake /proc.
- **Integration Tests**: a kind cluster with two pods.
- **End-to-End Tests**: N/A`,
  ],
  [
    '### Test Infrastructure',
    written`### Test Infrastructure

None: the existing kind setup is enough.`,
  ],
  [
    '### Backward Compatibility',
    written`### Backward Compatibility

Off by default, so nothing changes for existing users.`,
  ],
  [
    '### Migration Path',
    written`### Migration Path

1. Enable the flag on one node pool.
2. Enable everywhere.`,
  ],
  [
    '### Rollback Strategy',
    written`### Rollback Strategy

Turn the flag off.`,
  ],
  [
    '## Metrics Output',
    written`## Metrics Output

´´´prometheus
# HELP kepler_process_watts Power attributed to a process
kepler_process_watts{pid="42"} 3.5
´´´`,
  ],
  [
    '## Implementation Plan',
    written`## Implementation Plan

Two phases over one release.`,
  ],
  [
    '### Phase 1: Foundation',
    written`### Phase 1: Sampler

- Read cgroup CPU time.
- Expose it internally.`,
  ],
  [
    '### Phase 2: Core Functionality',
    written`### Phase 2: Exporter

- Split power and export the gauge.`,
  ],
  ['### Phase 3: Testing and Documentation', ''],
  [
    '## Risks and Mitigations',
    written`## Risks and Mitigations

Mostly overhead; see below.`,
  ],
  [
    '### Technical Risks',
    written`### Technical Risks

- **Risk**: sampling overhead on large nodes.
  - **Mitigation**: adaptive interval.`,
  ],
  [
    '### Operational Risks',
    written`### Operational Risks

- **Risk**: metric cardinality.
  - **Mitigation**: aggregate per pod by default.`,
  ],
  [
    '## Alternatives Considered',
    written`## Alternatives Considered

One alternative was studied.`,
  ],
  [
    '### Alternative 1: [Name of Alternative]',
    written`### Alternative 1: eBPF sampling

- **Description**: sample with eBPF instead of /proc.
- **Reason for Rejection**: needs a newer kernel than we support.`,
  ],
  ['### Alternative 2: [Name of Alternative]', ''],
  [
    '## Success Metrics',
    written`## Success Metrics

- **Functional Metric**: attribution sums to node power within 2%.
- **Performance Metric**: under 1% CPU.
- **Adoption Metric**: enabled on 3 clusters.`,
  ],
  [
    '## Open Questions',
    written`## Open Questions

1. Should idle power be attributed?`,
  ],
];

/** The plain-text EP as an author writes it in Markdown: the headings the text implies. */
const EP_PLAIN_FULL = written`# EP-007: Faster startup

**Status**: Draft
**Author**: Grace Hopper
**Created**: 2026-10-01
**Last Updated**: 2026-10-15

## Summary

Start the exporter in under a second by loading models lazily.

## Problem Statement

Startup takes 12 s because all models load eagerly.

## Current Limitations

- Models load eagerly.
- Readiness waits for all of them.

## Goals

- **Primary Goal**: start in under a second.
- **Secondary Goal**: report readiness early.

## Non-Goals

- Changing the model format.

## Requirements

### Functional Requirements

- Load a model on first use.

### Non-Functional Requirements

- **Performance**: first scrape under 2 s.
- **Reliability**: a failed load is retried.
- **Security**: unchanged.
- **Maintainability**: one loader.
- **Testability**: loader is injectable.

## Proposed Solution

### High-Level Architecture

A lazy loader wraps the model registry.

### Key Design Choices

Lazy loading over parallel loading: less memory at startup.

## Detailed Design

### Package Structure

´´´
internal/
└── loader/
´´´

### API/Interface Changes

´Registry.Get´ now returns an error.

### Configuration

No new options.

### Main Configuration Changes

None.

### Security Considerations

None: same files are read.

### Deployment Examples

Same manifests as today.

### Kubernetes Environment

No change to the DaemonSet.

### Standalone Deployment

No change to the command line.

## Testing Strategy

### Test Coverage

- **Unit Tests**: loader retries.
- **Integration Tests**: startup time in kind.
- **End-to-End Tests**: none needed.

### Test Infrastructure

None.

## Migration and Compatibility

### Backward Compatibility

Fully compatible.

### Migration Path

- Nothing to migrate.

### Rollback Strategy

Revert the release.

### Metrics Output

´´´
# HELP kepler_model_load_seconds Time to load a model
kepler_model_load_seconds{model="x"} 0.2
´´´

### Implementation Plan

One phase.

### Phase 1: Lazy loader

- Write the loader.
- Wire it in.

### Risks and Mitigations

Low risk.

### Technical Risks

- **Risk**: first scrape slower.
  - **Mitigation**: warm the default model.

### Operational Risks

- **Risk**: none known.
  - **Mitigation**: N/A

### Alternatives Considered

One.

### Alternative 1: Parallel loading

- **Description**: load all models in parallel.
- **Reason for Rejection**: memory spike.

### Success Metrics

- **Functional Metric**: all models still load.
- **Performance Metric**: startup under 1 s.
- **Adoption Metric**: default on.

### Open Questions

- None.
`;

const RFC_FRONT_MATTER = written`---
title: Streaming exports
category: enhancement
created: 2026-09-01
updated: 2026-09-20
status: proposed
authors: [octocat]
rfc: 0042
---`;

const RFC_FILLS: [string, string][] = [
  ['# Enhancement: [Title]', '# Enhancement: Streaming exports'],
  [
    '## Executive Summary',
    written`## Executive Summary

Stream large exports instead of building them in memory.`,
  ],
  [
    '### Problem Statement',
    written`### Problem Statement

Exports over 1 GB run out of memory.`,
  ],
  [
    '### Current Limitations',
    written`### Current Limitations

1. **Memory**: the whole export is buffered.
2. **Latency**: nothing is sent until the end.`,
  ],
  [
    '#### Use Case 1: [Title]',
    written`#### Use Case 1: Nightly backup
**As a** operator
**I want to** export the whole database nightly
**So that** backups finish before business hours

**Current behavior:** the export fails with OOM
**Desired behavior:** the export streams to S3`,
  ],
  ['#### Use Case 2: [Title]', ''],
  [
    '### Overview',
    written`### Overview

A streaming writer replaces the buffered one.`,
  ],
  [
    '#### Component 1: [Name]',
    written`#### Component 1: StreamWriter
Writes rows to the response as they are read.

´´´typescript
interface StreamWriter {
  write(row: Row): Promise<void>;
}
´´´`,
  ],
  ['#### Component 2: [Name]', ''],
  [
    '#### New APIs',
    written`#### New APIs
´´´typescript
export function streamExport(query: Query): ReadableStream<Row>;
´´´`,
  ],
  [
    '#### Modified APIs',
    written`#### Modified APIs
´´´typescript
// Before: export(query): Promise<Buffer>
// After: export(query, { stream: true }): ReadableStream
´´´`,
  ],
  [
    '#### Deprecated APIs',
    written`#### Deprecated APIs
- None`,
  ],
  [
    '### Data Model Changes',
    written`### Data Model Changes

None.`,
  ],
  [
    '### Configuration Changes',
    written`### Configuration Changes

´´´yaml
exports:
  stream: true
´´´`,
  ],
  [
    '### Alternative 1: [Name]',
    written`### Alternative 1: Use a queue

**Description:** hand exports to a worker queue

**Pros:**
- isolates memory

**Cons:**
- another service to run

**Why not chosen:** operational cost`,
  ],
  ['### Alternative 2: [Name]', ''],
  [
    '### Performance Impact',
    written`### Performance Impact

- **CPU**: unchanged
- **Memory**: constant instead of linear
- **Network**: unchanged
- **Storage**: none`,
  ],
  [
    '### Security Impact',
    written`### Security Impact

- Same authorization as today`,
  ],
  [
    '### Backwards Compatibility',
    written`### Backwards Compatibility

- **Breaking changes**: No
- **Migration required**: No
- **Version requirements**: Node 20`,
  ],
  [
    '### Dependencies',
    written`### Dependencies

- **New dependencies**: none
- **Updated dependencies**: none
- **Removed dependencies**: none`,
  ],
  [
    '### Phase 1: [Foundation]',
    written`### Phase 1: Writer
**Timeline**: 2 weeks

- [ ] StreamWriter
- [x] Benchmarks`,
  ],
  ['### Phase 2: [Core Implementation]', ''],
  ['### Phase 3: [Polish & Documentation]', ''],
  [
    '### Success Criteria',
    written`### Success Criteria

1. **Functional**: a 5 GB export succeeds
2. **Performance**: memory under 200 MB
3. **Quality**: no regressions
4. **Documentation**: the export guide`,
  ],
  [
    '### Unit Tests',
    written`### Unit Tests
- StreamWriter backpressure`,
  ],
  [
    '### Integration Tests',
    written`### Integration Tests
- Export to a local S3`,
  ],
  [
    '### End-to-End Tests',
    written`### End-to-End Tests
- Nightly backup job`,
  ],
  [
    '### Performance Tests',
    written`### Performance Tests
- Memory profile of a 5 GB export`,
  ],
  [
    '## Documentation Plan',
    written`## Documentation Plan

- [x] Update API reference
- [ ] Create migration guide
- [ ] Update configuration docs
- [ ] Add usage examples
- [ ] Create troubleshooting guide`,
  ],
  [
    '## Risks and Mitigations',
    written`## Risks and Mitigations

| Risk | Probability | Impact | Mitigation |
|------|------------|--------|------------|
| Slow clients hold connections | Medium | Low | Timeouts |`,
  ],
  [
    '## Open Questions',
    written`## Open Questions

1. **Question 1**: Should CSV stream too?
   - Option A: yes, same writer
   - Option B: later`,
  ],
  [
    '## References',
    written`## References

- [Streams spec](https://streams.spec.whatwg.org/)`,
  ],
  [
    '### Glossary',
    written`### Glossary
- **Backpressure**: a slow reader slowing the writer`,
  ],
  [
    '### Benchmark Data',
    written`### Benchmark Data
5 GB export: 180 MB peak memory.`,
  ],
  [
    '### Prototype Code',
    written`### Prototype Code
´´´typescript
for await (const row of rows) await writer.write(row);
´´´`,
  ],
];

function rfcDocument(fills: [string, string][], frontMatter = RFC_FRONT_MATTER): string {
  const text = templateText('enhancement-rfc');
  const body = text.replace(/^---\n[\s\S]*?\n---/, frontMatter);
  return fillSections(body, fills);
}

describe('ai-enhancement-request (issue template, front matter describes the template)', () => {
  it('a fully filled document is complete, guidance comments left in or not', () => {
    const report = check('ai-enhancement-request', AI_FULL);
    expect(missing(report)).toEqual([]);
    expect(report.complete).toBe(true);
  });

  it('a half-filled document misses exactly its untouched sections, in document order', () => {
    const doc = fillSections(
      templateText('ai-enhancement-request').replace(
        '> **TLDR**: <!-- One sentence: "Enhance [component] to [improvement] for [benefit]" -->',
        '> **TLDR**: Enhance the backup job to run incrementally for shorter windows.',
      ),
      [
        [
          '## Background',
          written`## Background

**Current State:**

Backups copy every volume in full each night.

**Scope:**

* Component: project:amiya.akn
* Affected Systems: Longhorn

**Pain Points:**

* Backups take 2 h

**Motivation:**

Volumes doubled this year.`,
        ],
        [
          '## Requirements',
          written`## Requirements

**Primary Objectives:**

1. Reduce backup time from 2h to 30min

**Success Criteria:**

* [ ] Nightly backup under 30 min

**Must-Have Features:**

* Incremental snapshots`,
        ],
        [
          '## Testing Strategy',
          written`## Testing Strategy

**Test Scenarios:**
1. Restore from an incremental chain

**Verification Steps:**

* [x] Functional testing
* [ ] Integration testing`,
        ],
      ],
    );
    const report = check('ai-enhancement-request', doc);
    expect(missing(report)).toEqual([
      'Technical Considerations',
      'Expected Benefits',
      'Documentation Impact',
      'Alternative Approaches',
      'Additional Context',
    ]);
    expect(report.complete).toBe(false);
  });

  it('the untouched template is missing every required section; the optional plan is never reported', () => {
    const report = check('ai-enhancement-request', templateText('ai-enhancement-request'));
    expect(missing(report)).toContain('Background');
    expect(missing(report)).not.toContain('Implementation Plan (Optional)');
  });

  it('a checkbox group with no box ticked is unfilled; one ticked box ([x] or [X]) fills it', () => {
    const unticked = AI_FULL.replace('* [x] README updates', '* [ ] README updates');
    expect(missing(check('ai-enhancement-request', unticked))).toEqual(['Documentation Impact']);
    const upper = AI_FULL.replace('* [x] README updates', '* [X] README updates');
    expect(missing(check('ai-enhancement-request', upper))).toEqual([]);
  });

  it('a tasklist the author writes is filled by its text, ticked or not', () => {
    const doc = AI_FULL.replace(
      '* [x] Rotation tested end to end',
      '* [ ] Rotation tested end to end',
    );
    expect(missing(check('ai-enhancement-request', doc))).toEqual([]);
  });

  it('an Other option with text counts as an answer', () => {
    const doc = AI_FULL.replace('* [x] README updates', '* [ ] README updates').replace(
      '* [ ] Other: \\_\\_\\_',
      '* [x] Other: runbook in the wiki',
    );
    expect(missing(check('ai-enhancement-request', doc))).toEqual([]);
  });

  it('a section holding only the guidance comments and empty items is unfilled', () => {
    const doc = fillSections(AI_FULL, [
      [
        '## Expected Benefits',
        written`## Expected Benefits

<!-- Value proposition and impact assessment -->

**Operational Benefits:**

*

**Technical Benefits:**

<!-- nothing yet -->

*`,
      ],
    ]);
    expect(missing(check('ai-enhancement-request', doc))).toEqual(['Expected Benefits']);
  });

  it('N/A and None are answers', () => {
    const doc = fillSections(AI_FULL, [
      ['## Expected Benefits', '## Expected Benefits\n\n**Operational Benefits:**\n\nN/A'],
      ['## Additional Context', '## Additional Context\n\n**References:**\n\n* None'],
    ]);
    expect(missing(check('ai-enhancement-request', doc))).toEqual([]);
  });

  it('a partly filled section is not missing, and its empty fields are warnings', () => {
    const doc = fillSections(AI_FULL, [
      ['## Background', '## Background\n\n**Current State:**\n\nBackups are full copies.'],
    ]);
    const report = check('ai-enhancement-request', doc);
    expect(missing(report)).toEqual([]);
    expect(report.warnings.map((w) => w.message)).toContain('Background › Pain Points is empty');
  });

  it('a risk table with only the template placeholder row is unfilled', () => {
    const doc = AI_FULL.replace(
      '| Stale credentials | Low | High | TTL shorter than lease |',
      '|      |             |        |            |',
    );
    const report = check('ai-enhancement-request', doc);
    expect(missing(report)).toEqual([]);
    expect(report.warnings.map((w) => w.message)).toContain(
      'Technical Considerations › Risk Assessment is empty',
    );
  });
});

describe('feature-pull-request (pull-request description)', () => {
  it('a fully filled document is complete; # lines inside bash fences are not headings', () => {
    const report = check('feature-pull-request', PR_FULL);
    expect(missing(report)).toEqual([]);
    expect(report.complete).toBe(true);
  });

  it('a half-filled document misses exactly its untouched sections, in document order', () => {
    const PR = templateText('feature-pull-request');
    const pick = (heading: string) => {
      const start = PR_FULL.indexOf(`${heading}\n`);
      const next = PR_FULL.indexOf('\n## ', start + 1);
      return PR_FULL.slice(start, next < 0 ? undefined : next);
    };
    const doc = fillSections(PR, [
      ['## Feature Overview', pick('## Feature Overview')],
      ['## Context and Motivation', pick('## Context and Motivation')],
      ['### Component 1: \\[Component Name]', pick('### Component 1: Credential cache')],
      ['### Component 2: \\[Component Name]', ''],
      ['## Security Considerations', pick('## Security Considerations')],
    ]);
    const report = check('feature-pull-request', doc);
    expect(missing(report)).toEqual([
      'Architecture and Design Decisions',
      'Testing and Validation',
      'Deployment Strategy',
      'Performance and Resource Impact',
      'Documentation',
      'Migration and Compatibility',
      'Future Considerations',
      'Additional Context',
      'Review Focus Areas',
    ]);
  });

  it('an unedited repeated heading is reported by its template title', () => {
    const doc = fillSections(PR_FULL, [
      [
        '### Component 1: Credential cache',
        written`### Component 1: \[Component Name]

**Purpose:**

**Technical Details:**

**Key Files Modified/Created:**

* ´path/to/file1´ - Description
* ´path/to/file2´ - Description`,
      ],
    ]);
    expect(missing(check('feature-pull-request', doc))).toEqual([
      'Component 1: \\[Component Name]',
    ]);
  });

  it('the example code left unchanged in a fence does not fill the section', () => {
    const doc = fillSections(PR_FULL, [
      [
        '## Testing and Validation',
        written`## Testing and Validation

**Testing Performed:**

* [ ] Local development environment testing

**Validation Instructions:**

´´´bash
# Step 1: [Description]
command here

# Step 2: [Description]
command here
´´´`,
      ],
    ]);
    expect(missing(check('feature-pull-request', doc))).toEqual(['Testing and Validation']);
  });
});

describe('enhancement-proposal (Markdown design doc)', () => {
  const full = fillSections(templateText('enhancement-proposal'), EP_FILLS);

  it('a fully filled document is complete, with # comment lines inside yaml/bash fences', () => {
    const report = check('enhancement-proposal', full);
    expect(missing(report)).toEqual([]);
    expect(report.warnings.filter((w) => w.kind === 'placeholder')).toEqual([]);
  });

  // `**Status**: Draft` is the template's real default: neither an answer nor a gap.
  it('a real default kept as is (Status: Draft) is not an empty field', () => {
    expect(check('enhancement-proposal', full).warnings).toEqual([]);
  });

  it('a half-filled document misses exactly its untouched sections, in document order', () => {
    const firstHalf = EP_FILLS.slice(
      0,
      EP_FILLS.findIndex(([h]) => h === '## Configuration'),
    );
    const doc = fillSections(templateText('enhancement-proposal'), firstHalf);
    const reported = missing(check('enhancement-proposal', doc));
    expect(reported).toEqual([
      'Configuration',
      'Main Configuration Changes',
      'Security Considerations',
      'Deployment Examples',
      'Kubernetes Environment',
      'Standalone Deployment',
      'Test Coverage',
      'Test Infrastructure',
      'Backward Compatibility',
      'Migration Path',
      'Rollback Strategy',
      'Metrics Output',
      'Implementation Plan',
      'Phase 1: Foundation',
      'Risks and Mitigations',
      'Technical Risks',
      'Operational Risks',
      'Alternatives Considered',
      'Alternative 1: [Name of Alternative]',
      'Success Metrics',
      'Open Questions',
    ]);
  });

  it('headings with emoji match; a missing one is reported as it stands in the document', () => {
    const withEmoji = full
      .replace('## Goals', '## 🎯 Goals')
      .replace('## Non-Goals', '## 🚫 Non-Goals');
    expect(missing(check('enhancement-proposal', withEmoji))).toEqual([]);
    const emptyGoals = fillSections(withEmoji, [
      ['## 🎯 Goals', '## 🎯 Goals\n\n- **Primary Goal**: ...'],
    ]);
    expect(missing(check('enhancement-proposal', emptyGoals))).toEqual(['🎯 Goals']);
  });

  it('a "## Goals" line inside a code fence does not stand in for the empty Goals section', () => {
    const doc = fillSections(full, [
      ['## Goals', '## Goals\n\n- **Primary Goal**: ...'],
      [
        '### API/Interface Changes',
        '### API/Interface Changes\n\n´´´md\n## Goals\n\n- **Primary Goal**: ship it\n´´´'.replace(
          /´/g,
          '`',
        ),
      ],
    ]);
    expect(missing(check('enhancement-proposal', doc))).toEqual(['Goals']);
  });

  it('the metadata lines left as placeholders are warnings, not missing sections', () => {
    const doc = full.replace('**Author**: Ada Lovelace', '**Author**: [Your Name]');
    const report = check('enhancement-proposal', doc);
    expect(missing(report)).toEqual([]);
    expect(report.warnings.length).toBeGreaterThan(0);
  });

  it('a leftover placeholder in the title heading is a warning', () => {
    const doc = full.replace(
      '# EP-042: Per-process power attribution',
      '# EP-XXX: Per-process power attribution',
    );
    const report = check('enhancement-proposal', doc);
    expect(missing(report)).toEqual([]);
    expect(report.warnings.some((w) => w.message.includes('XXX'))).toBe(true);
  });

  // The template's own example phases ("Phase 2: Core Functionality", each with `- Task 1...`)
  // are not author instances: an untouched Implementation Plan group is still missing.
  it('example instances the template shows (Phase 2, Phase 3) are not answers', () => {
    // Only "Implementation Plan" is filled; the three phases are as the template wrote them.
    const doc = fillSections(full, [
      ['### Phase 1: Sampler', '### Phase 1: Foundation\n\n- Task 1...\n- Task 2...'],
      [
        '### Phase 2: Exporter',
        '### Phase 2: Core Functionality\n\n- Task 1...\n- Task 2...\n\n### Phase 3: Testing and Documentation\n\n- Task 1...\n- Task 2...',
      ],
    ]);
    expect(missing(check('enhancement-proposal', doc))).toEqual(['Phase 1: Foundation']);
  });
});

describe('enhancement-proposal-plain (plain-text template; documents are Markdown)', () => {
  it('a fully filled document is complete', () => {
    const report = check('enhancement-proposal-plain', EP_PLAIN_FULL);
    expect(missing(report)).toEqual([]);
    expect(report.complete).toBe(true);
  });

  it('a half-filled document misses exactly its emptied sections, in document order', () => {
    const doc = EP_PLAIN_FULL.replace(
      /## Testing Strategy[\s\S]*$/,
      written`## Testing Strategy

### Test Coverage

- **Unit Tests**: ...
- **Integration Tests**: ...
- **End-to-End Tests**: ...

### Test Infrastructure

[Describe any new infrastructure or tools required for testing (e.g., simulators, mock servers).]

## Migration and Compatibility

### Backward Compatibility

Fully compatible.

### Migration Path

- Phase 1: ...
- Phase 2: ...
- ...

### Rollback Strategy

Revert the release.
`,
    );
    expect(missing(check('enhancement-proposal-plain', doc))).toEqual([
      'Test Coverage',
      'Test Infrastructure',
      'Migration Path',
      'Metrics Output',
      'Implementation Plan',
      'Phase 1: Foundation',
      'Risks and Mitigations',
      'Technical Risks',
      'Operational Risks',
      'Alternatives Considered',
      'Alternative 1: [Name of Alternative]',
      'Success Metrics',
      'Open Questions',
    ]);
  });
});

describe('enhancement-rfc (document with YAML front matter)', () => {
  const full = rfcDocument(RFC_FILLS);

  it('a fully filled document is complete, with no front matter warnings', () => {
    const report = check('enhancement-rfc', full);
    expect(missing(report)).toEqual([]);
    expect(report.warnings.filter((w) => w.kind === 'placeholder')).toEqual([]);
  });

  it('a half-filled document misses exactly its untouched sections, in document order', () => {
    const upTo = RFC_FILLS.findIndex(([h]) => h === '### Alternative 1: [Name]');
    const report = check('enhancement-rfc', rfcDocument(RFC_FILLS.slice(0, upTo)));
    expect(missing(report)).toEqual([
      'Alternative 1: [Name]',
      'Performance Impact',
      'Security Impact',
      'Backwards Compatibility',
      'Dependencies',
      'Phase 1: [Foundation]',
      'Success Criteria',
      'Unit Tests',
      'Integration Tests',
      'End-to-End Tests',
      'Performance Tests',
      'Documentation Plan',
      'Risks and Mitigations',
      'Open Questions',
      'References',
      'Glossary',
      'Benchmark Data',
      'Prototype Code',
    ]);
  });

  it('a filled heading placeholder (Alternative 1: Use a queue) matches the template heading', () => {
    const report = check('enhancement-rfc', full);
    expect(report.sections.find((s) => s.title === 'Alternative 1: Use a queue')?.status).toBe(
      'complete',
    );
  });

  it('leftover front matter placeholders are warnings with their key', () => {
    const fm = RFC_FRONT_MATTER.replace('created: 2026-09-01', 'created: YYYY-MM-DD').replace(
      'authors: [octocat]',
      'authors: [your-github-username]',
    );
    const report = check('enhancement-rfc', rfcDocument(RFC_FILLS, fm));
    expect(missing(report)).toEqual([]);
    const messages = report.warnings.map((w) => w.message);
    expect(messages.some((m) => m.includes('created'))).toBe(true);
    expect(messages.some((m) => m.includes('authors'))).toBe(true);
  });

  it('a YAML comment starting with # in the front matter is not a heading', () => {
    const fm = RFC_FRONT_MATTER.replace(
      'status: proposed',
      '# Executive Summary\nstatus: proposed',
    );
    const doc = rfcDocument(RFC_FILLS, fm).replace(
      /## Executive Summary\n\nStream large[^\n]*/,
      "## Executive Summary\n\n[1-2 paragraph summary of the proposal. What problem does it solve? What's the proposed solution?]",
    );
    expect(missing(check('enhancement-rfc', doc))).toEqual(['Executive Summary']);
  });

  it('the risk table with only its template rows is unfilled', () => {
    const doc = fillSections(full, [
      [
        '## Risks and Mitigations',
        written`## Risks and Mitigations

| Risk | Probability | Impact | Mitigation |
|------|------------|--------|------------|
| [Risk 1] | High/Medium/Low | High/Medium/Low | [How to handle] |
| [Risk 2] | High/Medium/Low | High/Medium/Low | [How to handle] |`,
      ],
    ]);
    expect(missing(check('enhancement-rfc', doc))).toEqual(['Risks and Mitigations']);
  });
});

const ISSUE_FORM = `name: Feature request
description: Suggest an idea
labels: [enhancement]
body:
  - type: markdown
    attributes:
      value: Thanks for taking the time!
  - type: input
    id: summary
    attributes:
      label: Summary
    validations:
      required: true
  - type: textarea
    id: motivation
    attributes:
      label: Motivation
    validations:
      required: true
  - type: dropdown
    id: size
    attributes:
      label: Size
      options: [Small, Large]
  - type: checkboxes
    id: terms
    attributes:
      label: Code of Conduct
      options:
        - label: I agree to follow the Code of Conduct
          required: true
`;

describe('issue forms (GitHub writes ### Label + answer)', () => {
  const form = () => parseTemplate(ISSUE_FORM, 'issue-form');

  it('a fully answered issue is complete', () => {
    const doc = written`### Summary

Dark mode

### Motivation

Night shifts.

### Size

Small

### Code of Conduct

- [X] I agree to follow the Code of Conduct
`;
    expect(missing(checkMarkdown(form(), doc))).toEqual([]);
  });

  it('_No response_ is empty; an optional element with _No response_ is not reported', () => {
    const doc = written`### Summary

Dark mode

### Motivation

_No response_

### Size

_No response_

### Code of Conduct

- [ ] I agree to follow the Code of Conduct
`;
    expect(missing(checkMarkdown(form(), doc))).toEqual(['Motivation', 'Code of Conduct']);
  });
});

describe('hostile and malformed input', () => {
  it('malformed front matter in a template is a TemplateError with its line', () => {
    const text =
      '---\ntitle: ok\nlabels: [unclosed\nfoo: : bar\n---\n\n## Section\n\n[Write here]\n';
    let error: unknown;
    try {
      parseTemplate(text, 'markdown');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).line).toBeGreaterThan(1);
  });

  it('a template with no headings checks its body as one section', () => {
    const template = parseTemplate('Describe the change:\n\n[Your text here]\n', 'markdown');
    expect(checkMarkdown(template, '[Your text here]\n').complete).toBe(false);
    expect(checkMarkdown(template, 'Describe the change:\n\nIt adds dark mode.\n').complete).toBe(
      true,
    );
  });

  it('a template of 10,000 headings checks correctly', { timeout: 120_000 }, () => {
    const n = 10_000;
    // Numbered titles ("Part 1", "Part 2") would form one repeated group: name them by letters.
    const name = (i: number): string => {
      let out = '';
      for (let k = i + 1; k > 0; k = Math.floor((k - 1) / 26))
        out = String.fromCharCode(97 + ((k - 1) % 26)) + out;
      return `Topic ${out}`;
    };
    const text = Array.from(
      { length: n },
      (_, i) => `## ${name(i)}\n\n[Describe ${name(i)}]\n`,
    ).join('\n');
    const template = parseTemplate(text, 'markdown');
    const doc = Array.from({ length: n }, (_, i) =>
      i === 4_999 ? `## ${name(i)}\n\n[Describe ${name(i)}]\n` : `## ${name(i)}\n\nDone ${i}.\n`,
    ).join('\n');
    expect(missing(checkMarkdown(template, doc))).toEqual([name(4_999)]);
  });

  it(
    'a document of 10,000 headings against a built-in template checks correctly',
    { timeout: 120_000 },
    () => {
      const noise = Array.from({ length: 10_000 }, (_, i) => `#### Note ${i}\n\nx\n`).join('\n');
      const report = check('ai-enhancement-request', `${AI_FULL}\n${noise}`);
      expect(missing(report)).toEqual([]);
    },
  );

  it(
    'a list nested 1,000 deep: a clear error or a correct result, no stack overflow',
    { timeout: 120_000 },
    () => {
      const nested = Array.from({ length: 1_000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join(
        '\n',
      );
      const doc = fillSections(AI_FULL, [
        ['## Additional Context', `## Additional Context\n\n**References:**\n\n${nested}`],
      ]);
      try {
        const report = check('ai-enhancement-request', doc);
        expect(missing(report)).toEqual([]);
      } catch (error) {
        expect(error).toBeInstanceOf(TemplateError);
      }
    },
  );

  it('a template nested 1,000 deep: a clear error or a template', { timeout: 120_000 }, () => {
    const nested = Array.from({ length: 1_000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join(
      '\n',
    );
    try {
      const template = parseTemplate(`## Deep\n\n${nested}\n`, 'markdown');
      expect(template.root.children).toHaveLength(1);
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
    }
  });

  it('NUL bytes in a template are a TemplateError', () => {
    expect(() => parseTemplate('## A\u0000\n\n[x]\n', 'markdown')).toThrow(TemplateError);
  });

  it('NUL bytes in a document: a clear error or a correct result', () => {
    try {
      const report = check(
        'ai-enhancement-request',
        AI_FULL.replace('Every reconcile', 'Every\u0000 reconcile'),
      );
      expect(missing(report)).toEqual([]);
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
    }
  });
});
