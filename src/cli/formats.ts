// CI-native renderings of check and lint results (rendering only: every word comes from the
// engine's results): JUnit XML for test reports, SARIF 2.1.0 for code scanning, and GitHub
// Actions workflow commands (::error file=...,line=...::) for annotations on the diff.
import { outcomeLine } from './render.js';
import type { FileResult, Problem } from '../engine/index.js';

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** One testsuite per test file, one testcase per case (the Ant / Jenkins JUnit schema). */
export function junitXml(results: FileResult[], options: { timestamp: string; hostname: string }): string {
  const suites = results.map((r, id) => {
    const cases = r.errors.length
      ? [`    <testcase name="(file)" classname="${xml(r.file)}" time="0"><error message="${xml(r.errors[0])}" type="TestFileError">${xml(r.errors.join('\n'))}</error></testcase>`]
      : r.cases.map((c) => {
          const head = `    <testcase name="${xml(c.name)}" classname="${xml(r.file)}" time="0"`;
          if (r.skipped || c.status === 'skip') return `${head}><skipped message="${xml(r.skipped ?? 'skipped')}"/></testcase>`;
          if (c.status === 'pass') return `${head}/>`;
          const detail = [...c.failures, ...(c.trace ? [`got: ${outcomeLine(c.trace)}`] : []), `at ${r.file}:${c.line}`].join('\n');
          return `${head}><failure message="${xml(c.failures[0] ?? 'the case failed')}" type="RoutingMismatch">${xml(detail)}</failure></testcase>`;
        });
    const failures = r.errors.length ? 0 : r.cases.filter((c) => c.status === 'fail').length;
    const skipped = r.skipped ? r.cases.length : r.cases.filter((c) => c.status === 'skip').length;
    return [
      `  <testsuite package="routelab" id="${id}" name="${xml(r.name || r.file)}" timestamp="${options.timestamp}" hostname="${xml(options.hostname)}" tests="${Math.max(cases.length, 0)}" failures="${failures}" errors="${r.errors.length ? 1 : 0}" skipped="${skipped}" time="0">`,
      '    <properties/>',
      ...cases,
      '    <system-out/>',
      '    <system-err/>',
      '  </testsuite>',
    ].join('\n');
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>\n`;
}

/** GitHub Actions workflow command escaping (toolkit's escapeData / escapeProperty). */
const ghData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const ghProp = (s: string) => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function ghCommand(level: 'error' | 'warning' | 'notice', props: Record<string, string | number | undefined>, message: string): string {
  const p = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${ghProp(String(v))}`)
    .join(',');
  return `::${level}${p ? ` ${p}` : ''}::${ghData(message)}`;
}

export function checkGithub(results: FileResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    for (const e of r.errors) out.push(ghCommand('error', { file: r.file, title: 'routelab: test file error' }, e));
    for (const c of r.cases.filter((x) => x.status === 'fail')) {
      out.push(ghCommand('error', { file: r.file, line: c.line, title: `routelab: ${c.name}` }, [...c.failures, ...(c.trace ? [`got: ${outcomeLine(c.trace)}`] : [])].join('\n')));
    }
  }
  return out;
}

export function lintGithub(problems: Problem[]): string[] {
  return problems.map((x) =>
    ghCommand(x.severity === 'error' ? 'error' : x.severity === 'warning' ? 'warning' : 'notice', { file: x.source?.file, line: x.source?.startLine, endLine: x.source?.endLine, col: x.source?.startCol, title: `${x.code}: ${x.object}` }, `${x.message}\nfix: ${x.fix}${x.proof ? `\nproof: ${x.proof.request.url} -> ${x.proof.outcome}` : ''}`),
  );
}

/** SARIF 2.1.0: one run of the routelab driver, one rule per problem code, one result per problem. */
export function lintSarif(problems: Problem[], version: string): Record<string, unknown> {
  const codes = [...new Set(problems.map((x) => x.code))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'routelab', version, rules: codes.map((id) => ({ id, shortDescription: { text: id.replace(/([a-z])([A-Z])/g, '$1 $2') } })) } },
        results: problems.map((x) => ({
          ruleId: x.code,
          ruleIndex: codes.indexOf(x.code),
          level: x.severity === 'error' ? 'error' : x.severity === 'warning' ? 'warning' : 'note',
          message: { text: `${x.object}: ${x.message} (fix: ${x.fix})` },
          ...(x.source?.file
            ? { locations: [{ physicalLocation: { artifactLocation: { uri: x.source.file }, region: { startLine: Math.max(1, x.source.startLine), startColumn: Math.max(1, x.source.startCol), endLine: Math.max(x.source.startLine, x.source.endLine, 1), endColumn: Math.max(1, x.source.endCol) } } }] }
            : {}),
        })),
      },
    ],
  };
}
