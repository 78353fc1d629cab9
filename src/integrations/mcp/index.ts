/**
 * MCP: judging the tools a server offers before a model sees them. Tool poisoning (instructions
 * hidden in descriptions) and rug pulls (a description changed after approval); used by the
 * gateway's MCP endpoint and by `maestro review`.
 */
export { type McpToolDescriptor, modelVisibleTexts } from './toolDescriptor.js';
export { checkToolPins, type PinCheck, toolPin } from './toolPins.js';
export { type PoisonSignal, scanToolDescriptor, type ToolPoisoningReport } from './toolPoisoning.js';
