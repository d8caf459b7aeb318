// The editor leans on two things inside monaco-editor that its public API does not promise
// (MonacoEditor.tsx): an undo group as pushEditOperations' fourth argument, and the as-is
// view Monaco takes for a model marked too large to tokenize. If an upgrade of Monaco
// changes either, the editor still works but a large paste is slow again or not one undo
// step: this test says so at the upgrade, before the bench or a user does.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(dirname(createRequire(import.meta.url).resolve('monaco-editor/package.json')), 'esm', 'vs');
const source = (path: string) => readFileSync(join(root, path), 'utf8');

describe('monaco-editor internals the editor relies on', () => {
  it('marks a model too large to tokenize in a field, and gives such a model the as-is view', () => {
    const model = source('editor/common/model/textModel.js');
    expect(model).toMatch(/isTooLargeForTokenization\(\) \{\s*return this\._isTooLargeForTokenization;/);
    const view = source('editor/common/viewModel/viewModelImpl.js');
    expect(view).toMatch(/this\.model\.isTooLargeForTokenization\(\)\) \{\s*this\._lines = new ViewModelLinesFromModelAsIs\(this\.model\);/);
  });

  it('takes an undo group as the fourth argument of pushEditOperations, and undoes a group as one step', () => {
    const model = source('editor/common/model/textModel.js');
    expect(model).toMatch(/pushEditOperations\(beforeCursorState, editOperations, cursorStateComputer, group, reason\)/);
    const stack = source('editor/common/model/editStack.js');
    expect(stack).toMatch(/this\._undoRedoService\.pushElement\(newElement, group\)/);
    const undo = source('platform/undoRedo/common/undoRedoService.js');
    expect(undo).toContain('_continueUndoInGroup');
    expect(source('platform/undoRedo/common/undoRedo.js')).toContain('export class UndoRedoGroup');
  });
});
