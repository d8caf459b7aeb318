// Monaco's core without the bundled languages (we register YAML only): the same API
// as the package entry, which is what monaco-yaml expects.
declare module 'monaco-editor/esm/vs/editor/edcore.main.js' {
  export * from 'monaco-editor';
}
declare module 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
declare module 'monaco-yaml/yaml.worker.js';
// Monaco's undo group: edits pushed with the same group are undone and redone together.
// `ITextModel.pushEditOperations` takes one as a fourth argument (monaco-editor 0.54,
// editor/common/model/textModel.js), which the public typings leave out.
declare module 'monaco-editor/esm/vs/platform/undoRedo/common/undoRedo.js' {
  export class UndoRedoGroup {
    readonly id: number;
  }
}
