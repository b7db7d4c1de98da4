/** The lists of child items under onCreate / onReconcile: one strict item schema per kind key. */
export { operatorBoxListSchema } from '../children/operator-box-schema.ts';
