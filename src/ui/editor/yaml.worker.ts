// monaco-yaml's language service (completion, hover, validation) in its own worker.
import 'monaco-yaml/yaml.worker.js';
