// @orkestra/lib/template: the Katalog template language (spec/templates.md): compile, type, render.
export type { CallExpr, Expr, IfBranch, LiteralExpr, PathExpr, PipelineExpr, Template, TemplateError, TemplateNode, ValueType } from './ast.ts';
export { checkTemplateSyntax, compileTemplate, isTemplate } from './compile-template.ts';
export type { CompileOptions, CompileResult } from './compile-template.ts';
export { templateFunctionNames } from './functions/table.ts';
export { inferTemplateType } from './infer-template-type.ts';
export type { TypeOfPath } from './infer-template-type.ts';
export { CR_ROOTS, TEMPLATE_LIMITS } from './limits.ts';
export { renderDeep } from './render-deep.ts';
export type { RenderDeepOptions, RenderDeepResult } from './render-deep.ts';
export { renderTemplate } from './render-template.ts';
export type { RenderResult } from './render-template.ts';
export { templateReferences } from './template-references.ts';
export type { TemplatePathRef } from './template-references.ts';
