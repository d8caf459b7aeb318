// The React Flow canvas of the diagram (React Flow and its d3 pieces are about a third of
// the page's JavaScript, so this is a separate chunk that Diagram loads as it first renders).
// The layout comes from traceToFlow (pure, tested); this component only draws it.
import { memo, useEffect, useMemo } from 'react';
import { Background, Controls, Handle, MarkerType, Position, ReactFlow, ReactFlowProvider, useReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { traceToFlow, type FlowEdge, type FlowNodeData, type Stage } from '../flow/traceToFlow';
import { useStore } from '../store';

const STAGE: Record<Stage, string> = {
  client: 'client',
  dns: 'dns',
  entry: 'entry point',
  listener: 'listener',
  route: 'rule',
  backend: 'backend',
  pods: 'pod',
  response: 'response',
};

const STATE_WORD = { taken: 'on the path', lost: 'lost', miss: 'did not match', skip: 'not considered', fail: 'stopped here', alt: 'not chosen' } as const;

type RouteNodeType = Node<FlowNodeData, 'route'>;

const RouteNode = memo(function RouteNode({ data }: NodeProps<RouteNodeType>) {
  const body = (
    <>
      <span className="rf-node-stage">{STAGE[data.stage]}</span>
      <span className="rf-node-title">{data.title}</span>
      {data.subtitle && <span className="rf-node-sub">{data.subtitle}</span>}
    </>
  );
  // The name comes from the visible text; the verdict and the reason are the description
  // (no aria-label, so the node never shadows the form's labels).
  const description = `${STATE_WORD[data.state]}${data.reason ? `: ${data.reason}` : ''}`;
  return (
    <div className={`rf-node state-${data.state}`} title={data.reason}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      {data.source ? (
        // The click (mouse, Enter or Space) bubbles to React Flow's onNodeClick, which selects the lines.
        <button type="button" className="rf-node-body" title={`${description}. Click to select its lines in the editor.`}>
          {body}
        </button>
      ) : (
        <div className="rf-node-body" title={description}>
          {body}
        </div>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

const nodeTypes = { route: RouteNode };

const EDGE_STYLE: Record<FlowEdge['data']['kind'], Edge['style']> = {
  taken: { stroke: 'var(--path)', strokeWidth: 2.5 },
  dim: { stroke: 'var(--dim-line)', strokeWidth: 1.2, strokeDasharray: '4 4' },
  split: { stroke: 'var(--split-line)', strokeWidth: 1.5 },
  mirror: { stroke: 'var(--mirror)', strokeWidth: 1.5, strokeDasharray: '6 3' },
};

function toEdges(edges: FlowEdge[]): Edge[] {
  return edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    label: e.label,
    type: 'default',
    // Not animated: React Flow's marching dashes repaint the diagram every frame for as long
    // as the trace is on screen (and fire an animation event per edge twice a second), main-thread
    // time the editor and the next trace need. The taken path is told apart by colour, width and
    // its arrows.
    animated: false,
    style: EDGE_STYLE[e.data.kind],
    className: `edge-${e.data.kind}`,
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: e.data.kind === 'taken' ? 'var(--path)' : 'var(--dim-line)' },
    labelStyle: { fontSize: 11, fill: 'var(--text)' },
    labelBgStyle: { fill: 'var(--surface)', fillOpacity: 0.95 },
    labelBgPadding: [4, 2] as [number, number],
    labelBgBorderRadius: 3,
  }));
}

function Flow({ expanded }: { expanded: boolean }) {
  const trace = useStore((s) => s.trace.value?.trace);
  const flow = useMemo(() => (trace ? traceToFlow(trace) : undefined), [trace]);
  const nodes = useMemo(() => (flow?.nodes ?? []) as RouteNodeType[], [flow]);
  const edges = useMemo(() => toEdges(flow?.edges ?? []), [flow]);
  const rf = useReactFlow();
  const select = useStore((s) => s.select);
  useEffect(() => {
    const id = requestAnimationFrame(() => void rf.fitView({ padding: 0.12, maxZoom: 1 }));
    return () => cancelAnimationFrame(id);
  }, [flow, rf, expanded]);
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      // A click handler also gives the nodes pointer events (hover reasons) while they stay unselectable.
      onNodeClick={(_e, node) => node.data.source && select(node.data.source)}
      fitView
      fitViewOptions={{ padding: 0.12, maxZoom: 1 }}
      minZoom={0.2}
      maxZoom={1.6}
      nodesDraggable={false}
      nodesConnectable={false}
      nodesFocusable={false}
      edgesFocusable={false}
      elementsSelectable={false}
      zoomOnScroll={false}
      preventScrolling={false}
      panOnScroll={false}
      zoomOnDoubleClick={false}
    >
      <Background gap={20} size={1} color="var(--grid)" />
      <Controls showInteractive={false} position="bottom-right" />
    </ReactFlow>
  );
}

/** The canvas inside the diagram's frame; `expanded` refits it to the large view. */
export default function DiagramFlow({ expanded }: { expanded: boolean }) {
  return (
    <ReactFlowProvider>
      <Flow expanded={expanded} />
    </ReactFlowProvider>
  );
}
