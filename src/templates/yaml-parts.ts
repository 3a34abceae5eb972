// The YAML reader src/core uses (src/core/template/yaml-light.ts), loaded on demand by
// yaml-lazy.ts: with it, the parts of the `yaml` library it needs (lexer, parser, scalars).
export { isMap, isScalar, isSeq, LineCounter, parseDocument } from '../core/template/yaml-light.ts';
