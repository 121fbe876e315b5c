export { TemplatesModule } from './templates.module';
export { TemplateService } from './template.service';
export type {
  ApplyOutcome,
  ApplyRequest,
  CreatedRecord,
  TemplateChanges,
  TemplateFilter,
  TemplateInput,
  TemplatePage,
} from './template.service';
export { CONFLICT_POLICIES, planTemplate } from './apply/template-plan';
export type {
  ConflictPolicy,
  PlannedRecord,
  SkippedRecord,
  TemplateConflict,
  TemplatePlan,
} from './apply/template-plan';
export {
  MAX_TEMPLATE_RECORDS,
  MAX_TEMPLATE_VARIABLES,
  MAX_VARIABLE_VALUE,
  renderTemplate,
  templateProblems,
} from './render/template-render';
export type { OmittedRecord, RenderedRecord, Rendering } from './render/template-render';
export { BUILT_IN_VARIABLES, builtInsUsedBy, VARIABLE_NAME } from './render/template-variables';
export type { BuiltInVariable } from './render/template-variables';
