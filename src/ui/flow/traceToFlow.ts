// Trace -> diagram: Client -> DNS -> entry point (controller, or Gateway and listener)
// -> rule -> Service -> Pods. Pure: it only lays out what the trace decided. The
// path taken runs along the top row; candidates that lost sit dimmed below their
// column with the engine's reason; edges carry redirects, rewrites, header
// changes, weighted shares and mirrors.
import type { SourceRef } from '../../engine/index';
import { outcomeSucceeded, type Trace, type TraceCandidate, type TraceStep } from '../../engine/trace/types';

export type Stage = 'client' | 'dns' | 'entry' | 'listener' | 'route' | 'backend' | 'pods' | 'response';

/**
 * taken: on the path of the request; lost: matched or could have, another won;
 * miss: did not match; skip: not considered; fail: the request stopped here;
 * alt: a sibling that was not chosen by a rule (another Pod, another weighted backend).
 */
export type NodeState = 'taken' | 'lost' | 'miss' | 'skip' | 'fail' | 'alt';

export interface FlowNodeData extends Record<string, unknown> {
  stage: Stage;
  title: string;
  subtitle?: string;
  state: NodeState;
  /** why: the engine's sentence for this decision (shown on hover) */
  reason?: string;
  source?: SourceRef;
}

export interface FlowNode {
  id: string;
  type: 'route';
  position: { x: number; y: number };
  data: FlowNodeData;
}

export type EdgeKind = 'taken' | 'dim' | 'split' | 'mirror';

export interface FlowEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
  data: { kind: EdgeKind; /** the full text when the label is shortened */ title?: string };
}

export interface Flow {
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** ids of the nodes on the request's path, in order */
  path: string[];
}

/** node width drawn by the diagram's CSS (.rf-node) */
export const NODE_WIDTH = 160;
/** gap between columns; wider where an edge label has to fit */
export const COLUMN_GAP = 28;
export const ROW_HEIGHT = 84;
/** approximate width of an edge label character (11px system font) */
const LABEL_CHAR_PX = 6.2;
/** dimmed candidates shown per column before "+N more" */
export const MAX_ALTERNATIVES = 4;
const MAX_LABEL = 44;

const VERDICT_STATE: Record<TraceCandidate['verdict'], NodeState> = { won: 'taken', lost: 'lost', miss: 'miss', skip: 'skip' };

function shorten(text: string, max = MAX_LABEL): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function objectText(o: { kind: string; namespace?: string; name: string } | undefined): string | undefined {
  return o ? `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}` : undefined;
}

/** A candidate's label without the object name the subtitle already shows ("HTTPRoute a/b rules[1]: ..." -> "rules[1]: ..."). */
export function candidateTitle(c: Pick<TraceCandidate, 'label' | 'object'>): string {
  const obj = objectText(c.object);
  if (obj && c.label.startsWith(`${obj} `) && c.label.length > obj.length + 1) return c.label.slice(obj.length + 1);
  return c.label;
}

class Builder {
  readonly nodes: FlowNode[] = [];
  readonly edges: FlowEdge[] = [];
  readonly path: string[] = [];
  private column = -1;
  private row = 0;
  /** node ids per column, to place columns once edge labels are known */
  readonly columns: string[][] = [];

  nextColumn(): void {
    this.column++;
    this.row = 0;
    this.columns.push([]);
  }

  /** Adds a node in the current column: the first on the path goes on the top row. */
  node(id: string, data: FlowNodeData, onPath: boolean): string {
    const y = onPath ? 0 : ++this.row * ROW_HEIGHT;
    this.nodes.push({ id, type: 'route', position: { x: 0, y }, data });
    this.columns[this.column].push(id);
    if (onPath) this.path.push(id);
    return id;
  }

  edge(source: string, target: string, kind: EdgeKind, label?: string): void {
    const short = label ? shorten(label) : undefined;
    this.edges.push({
      id: `${source}->${target}`,
      source,
      target,
      label: short,
      data: { kind, title: label && short !== label ? label : undefined },
    });
  }

  /** Places the columns left to right, each gap wide enough for the labels of the edges into it. */
  layout(): Flow {
    const colOf = new Map<string, number>();
    this.columns.forEach((ids, i) => ids.forEach((id) => colOf.set(id, i)));
    const gaps = this.columns.map(() => COLUMN_GAP);
    for (const e of this.edges) {
      const c = colOf.get(e.target);
      if (c !== undefined && e.label) gaps[c] = Math.max(gaps[c], Math.ceil(e.label.length * LABEL_CHAR_PX) + 24);
    }
    let x = 0;
    const xs = this.columns.map((_, i) => (i === 0 ? 0 : (x += NODE_WIDTH + gaps[i])));
    for (const n of this.nodes) n.position.x = xs[colOf.get(n.id)!];
    return { nodes: this.nodes, edges: this.edges, path: this.path };
  }

  /** Dimmed candidates of a decision below the path, capped, each joined to `from`. */
  alternatives(stage: Stage, prefix: string, from: string | undefined, list: TraceCandidate[]): void {
    // Those that matched but lost explain the most; then misses, then skipped ones.
    const order = { lost: 0, miss: 1, skip: 2, won: 3 } as const;
    const sorted = [...list].sort((a, b) => order[a.verdict] - order[b.verdict]);
    sorted.slice(0, MAX_ALTERNATIVES).forEach((c, i) => {
      const id = this.node(
        `${prefix}:alt:${i}`,
        { stage, title: candidateTitle(c), subtitle: `${c.verdict}: ${c.detail}`, state: VERDICT_STATE[c.verdict], reason: `${c.verdict}: ${c.detail}`, source: c.source },
        false,
      );
      if (from) this.edge(from, id, 'dim');
    });
    const more = sorted.length - MAX_ALTERNATIVES;
    if (more > 0) {
      this.node(`${prefix}:more`, { stage, title: `+${more} more`, subtitle: 'listed in the Trace panel', state: 'skip' }, false);
    }
  }
}

const stepsOf = (t: Trace, kind: TraceStep['kind']) => t.steps.filter((s) => s.kind === kind);
const stepState = (s: TraceStep | undefined): NodeState => (s?.status === 'fail' ? 'fail' : 'taken');

/** What changed between the request and what the backend receives, for the edge into the backend. */
export function transformLabel(t: Trace): string | undefined {
  const parts: string[] = [];
  const o = t.outcome;
  const req = t.request;
  if (stepsOf(t, 'canary').some((s) => s.status !== 'fail')) parts.push('canary');
  const up = o.upstream;
  if (up) {
    if (up.path !== req.path + req.query) parts.push(`path → ${up.path}`);
    if (up.host !== req.host) parts.push(`Host → ${up.host}`);
    const before = new Map(req.headers.filter(([n]) => n !== 'host' && n !== ':authority'));
    const after = new Map(up.headers);
    const added = [...after].filter(([n, v]) => before.get(n) !== v).map(([n]) => `+${n}`);
    const removed = [...before.keys()].filter((n) => !after.has(n)).map((n) => `−${n}`);
    if (added.length || removed.length) parts.push([...added, ...removed].join(' '));
  }
  return parts.length ? parts.join(' · ') : undefined;
}

export function traceToFlow(t: Trace): Flow {
  const b = new Builder();
  const o = t.outcome;

  // Client
  b.nextColumn();
  let prev = b.node('client', { stage: 'client', title: 'Client', subtitle: `${t.request.method} ${t.request.url}`, state: 'taken', reason: stepsOf(t, 'request')[0]?.summary }, true);

  // DNS
  const dns = stepsOf(t, 'dns')[0];
  if (dns) {
    b.nextColumn();
    const address = dns.facts?.address;
    const id = b.node('dns', { stage: 'dns', title: 'DNS', subtitle: address !== undefined ? `${t.request.connectHost} → ${address}` : dns.summary, state: stepState(dns), reason: dns.summary, source: dns.source }, true);
    b.edge(prev, id, 'taken');
    prev = id;
  }

  // Entry point: the Ingress controller, or the Gateway with the listener that took the
  // request (one node, so the diagram stays narrow); in-cluster traffic has none.
  const entry = stepsOf(t, 'entry')[0];
  const listener = stepsOf(t, 'listener')[0];
  if (entry && t.mode !== 'cluster') {
    b.nextColumn();
    const e = t.entry;
    const won = listener?.candidates?.find((c) => c.verdict === 'won');
    let title = 'Entry point';
    let subtitle = entry.summary;
    if (e?.kind === 'ingress') {
      title = 'Ingress controller';
      subtitle = e.controller;
    } else if (e?.kind === 'gateway') {
      title = `Gateway ${e.namespace}/${e.name}`;
      subtitle = won ? won.label : listener ? listener.summary : entry.summary;
    }
    const failed = entry.status === 'fail' || listener?.status === 'fail';
    const reason = [entry.summary, listener?.summary].filter(Boolean).join('; ');
    const id = b.node('entry', { stage: 'entry', title, subtitle, state: failed ? 'fail' : 'taken', reason, source: won?.source ?? entry.source }, true);
    b.edge(prev, id, dns?.status === 'fail' ? 'dim' : 'taken');
    if (e?.kind === 'gateway') {
      b.alternatives('listener', 'listener', prev, [
        ...(listener?.candidates ?? []).filter((c) => c !== won),
        ...(entry.candidates ?? []).filter((c) => c.verdict !== 'won'),
      ]);
    }
    prev = id;
  }

  // Rule: the winning candidate of the rule decisions, or the route the outcome names.
  const ruleSteps = stepsOf(t, 'rule');
  const candidates = ruleSteps.flatMap((s) => s.candidates ?? []);
  const attachMisses = stepsOf(t, 'attach').flatMap((s) => s.candidates ?? []).filter((c) => c.verdict !== 'won');
  const hostStep = stepsOf(t, 'host')[0];
  const wonRule = candidates.find((c) => c.verdict === 'won');
  const hostWon = hostStep?.candidates?.find((c) => c.verdict === 'won');
  let ruleId: string | undefined;
  if (ruleSteps.length || hostStep || o.route) {
    b.nextColumn();
    const from = prev;
    const hostText = hostWon ? `host ${hostWon.label}` : undefined;
    if (wonRule) {
      const subtitle = [objectText(wonRule.object) ?? objectText(o.route), hostText].filter(Boolean).join(' · ');
      ruleId = b.node('rule', { stage: 'route', title: candidateTitle(wonRule), subtitle, state: 'taken', reason: wonRule.detail, source: wonRule.source }, true);
    } else if (o.route) {
      ruleId = b.node(
        'rule',
        { stage: 'route', title: objectText(o.route)!, subtitle: o.route.rule, state: o.kind === 'not-found' ? 'fail' : 'taken', reason: ruleSteps[ruleSteps.length - 1]?.summary ?? o.message, source: o.route.source },
        true,
      );
    } else {
      const last = ruleSteps[ruleSteps.length - 1] ?? hostStep!;
      ruleId = b.node('rule', { stage: 'route', title: 'No rule matched', subtitle: last.summary, state: 'fail', reason: last.summary, source: last.source }, true);
    }
    b.edge(from, ruleId, 'taken');
    b.alternatives('route', 'rule', from, [...candidates.filter((c) => c !== wonRule), ...attachMisses]);
    prev = ruleId;
  }

  // Backend: a redirect, a Service (or a weighted set of them), or the answer when nothing matched.
  b.nextColumn();
  const serviceStep = stepsOf(t, 'service')[0];
  let serviceId: string | undefined;
  if (o.kind === 'redirect') {
    const id = b.node('response', { stage: 'response', title: `${o.status} redirect`, subtitle: o.location, state: 'taken', reason: o.message }, true);
    // The edge names what redirected ("HTTPS enforcement"), the node says where to.
    const why = stepsOf(t, 'redirect')[0]?.summary.split(':')[0].trim();
    b.edge(prev, id, 'taken', why && why.length <= 32 ? why : 'redirect');
    return b.layout();
  }
  if (o.kind === 'responded') {
    const id = b.node('response', { stage: 'response', title: `${o.status} answered`, subtitle: o.message, state: outcomeSucceeded(o) ? 'taken' : 'fail', reason: o.message }, true);
    b.edge(prev, id, 'taken', transformLabel(t));
    return b.layout();
  }
  if (o.backend) {
    const split = o.backends && o.backends.length > 1 ? o.backends : undefined;
    const chosenKey = `${o.backend.namespace}/${o.backend.service}`;
    const label = transformLabel(t);
    const svcTitle = (x: { kind?: string; namespace: string; service: string }) => `${x.kind && x.kind !== 'Service' ? x.kind : 'Service'} ${x.namespace}/${x.service}`;
    const portText = (p?: number) => (p !== undefined ? `port ${p}` : undefined);
    serviceId = b.node(
      `svc:${chosenKey}`,
      {
        stage: 'backend',
        title: svcTitle(o.backend),
        subtitle: serviceStep?.summary ? shorten(serviceStep.summary, 80) : portText(o.backend.port),
        state: serviceStep?.status === 'fail' || (o.kind !== 'proxied' && !serviceStep) ? 'fail' : 'taken',
        reason: serviceStep?.summary ?? o.message,
        source: serviceStep?.source,
      },
      true,
    );
    const chosenShare = split?.find((x) => `${x.namespace}/${x.service}` === chosenKey);
    const shareText = (s: number) => `${Math.round(s * 1000) / 10}%`;
    b.edge(prev, serviceId, 'taken', [chosenShare ? shareText(chosenShare.share) : undefined, label].filter(Boolean).join(' · ') || undefined);
    for (const x of split ?? []) {
      if (x === chosenShare) continue;
      const id = b.node(`svc:${x.namespace}/${x.service}`, { stage: 'backend', title: svcTitle(x), subtitle: `weight ${x.weight} (${shareText(x.share)})`, state: 'alt', reason: `a weighted candidate: ${shareText(x.share)} of requests go here; this request went to ${chosenKey}` }, false);
      b.edge(prev, id, 'split', shareText(x.share));
    }
    (o.mirroredTo ?? []).forEach((m, i) => {
      const id = b.node(`mirror:${i}`, { stage: 'backend', title: `Service ${m.namespace}/${m.service}`, subtitle: `mirror${m.percent !== undefined ? ` (${m.percent}%)` : ''}: a copy, its answer is ignored`, state: 'alt', reason: 'RequestMirror: a copy of the request is sent here' }, false);
      b.edge(prev, id, 'mirror', 'mirror');
    });
  } else {
    const id = b.node('response', { stage: 'response', title: `${o.status || 'No answer'}`, subtitle: o.message, state: 'fail', reason: o.message }, true);
    b.edge(prev, id, 'dim');
    return b.layout();
  }

  // Pods
  const endpoints = o.endpoints ?? [];
  if (o.kind === 'proxied' && endpoints.length) {
    b.nextColumn();
    const podsStep = stepsOf(t, 'pods')[0];
    const chosen = o.endpoint ?? endpoints[0];
    const same = (a: typeof chosen, c: typeof chosen) => a.ip === c.ip && String(a.port) === String(c.port) && a.pod === c.pod;
    const id = b.node('pod:chosen', { stage: 'pods', title: chosen.pod ? `Pod ${chosen.pod}` : 'Endpoint', subtitle: `${chosen.ip}:${chosen.port}`, state: 'taken', reason: podsStep?.summary, source: podsStep?.source }, true);
    b.edge(serviceId!, id, 'taken');
    const others = endpoints.filter((e) => !same(e, chosen));
    others.slice(0, MAX_ALTERNATIVES - 1).forEach((e, i) => {
      const pid = b.node(`pod:${i}`, { stage: 'pods', title: e.pod ? `Pod ${e.pod}` : 'Endpoint', subtitle: `${e.ip}:${e.port}`, state: 'alt', reason: 'another ready endpoint of the Service; this request was sent to the first one shown' }, false);
      b.edge(serviceId!, pid, 'split');
    });
    if (others.length > MAX_ALTERNATIVES - 1) b.node('pod:more', { stage: 'pods', title: `+${others.length - (MAX_ALTERNATIVES - 1)} more Pods`, state: 'skip' }, false);
  } else if (o.kind !== 'proxied') {
    b.nextColumn();
    const id = b.node('response', { stage: 'response', title: `${o.status || 'No answer'}`, subtitle: o.message, state: 'fail', reason: o.message }, true);
    b.edge(serviceId!, id, 'dim');
  }
  return b.layout();
}
