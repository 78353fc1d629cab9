import type { PhraseRule } from './types.js';

/**
 * Special tokens of chat templates (ChatML, Llama 2/3, Mistral, Gemma, Phi, Anthropic-style
 * turns). In user text or a document they serve one purpose: to fake a turn boundary.
 * `sanitizeInput` removes the unambiguous ones; the rules below flag them and fake role headers.
 */
export const CHAT_TEMPLATE_TOKENS: readonly string[] = [
  '<|im_start|>',
  '<|im_end|>',
  '<|im_sep|>',
  '<|endoftext|>',
  '<|system|>',
  '<|user|>',
  '<|assistant|>',
  '<|end|>',
  '<|begin_of_text|>',
  '<|end_of_text|>',
  '<|start_header_id|>',
  '<|end_header_id|>',
  '<|eot_id|>',
  '<|eom_id|>',
  '<|python_tag|>',
  '[inst]',
  '[/inst]',
  '<<sys>>',
  '<</sys>>',
  '<start_of_turn>',
  '<end_of_turn>',
  '<|channel|>',
  '<|message|>',
  '<|return|>',
];

export const DELIMITER_RULES: readonly PhraseRule[] = [
  {
    id: 'delim.chat-template-token',
    lang: 'en',
    category: 'delimiter_injection',
    weight: 0.85,
    sequence: [CHAT_TEMPLATE_TOKENS],
  },
  {
    id: 'delim.fake-turn-tag',
    lang: 'en',
    category: 'delimiter_injection',
    weight: 0.7,
    sequence: [
      [
        '</user>',
        '<system>',
        '</system>',
        '<assistant>',
        '</assistant>',
        '<system_prompt>',
        '</instructions>',
        '</context>',
        '</document>',
        '</data>',
      ],
    ],
  },
  {
    id: 'delim.fake-role-header',
    lang: 'en',
    category: 'delimiter_injection',
    weight: 0.75,
    sequence: [
      [
        'system:',
        'system message:',
        '[system]',
        '### system',
        '## system',
        'system prompt:',
        'admin:',
        '[admin]',
        'developer:',
        '### instruction',
        '### new instruction',
        '[instructions]',
      ],
      [
        'you are',
        'you must',
        'ignore',
        'disregard',
        'new instruct*',
        'from now on',
        'override',
        'the assistant must',
        'you will',
        'your new',
      ],
    ],
    window: 30,
  },
  {
    id: 'delim.fake-end-of-prompt',
    lang: 'en',
    category: 'delimiter_injection',
    weight: 0.8,
    sequence: [
      [
        'end of system prompt',
        'end of prompt',
        'end of instructions',
        'end of user input',
        'begin system prompt',
        'begin new instructions',
        'start of new instructions',
      ],
    ],
  },
  {
    // Ordinary documents end with these too; alone they are weak evidence.
    id: 'delim.end-of-section-marker',
    lang: 'en',
    category: 'delimiter_injection',
    weight: 0.3,
    sequence: [['end of document', 'end of context', '=== end', '--- end']],
  },
];
