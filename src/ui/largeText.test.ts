import { describe, expect, it } from 'vitest';
import { isLargeText, LARGE_TEXT_CHARS, LARGE_TEXT_LINES, largeTextMode, largeTextNote, pasteArgs, PAUSED_SUGGEST_CHARS, PAUSED_SUGGEST_DELAY_MS, sizeText, suggestDelay, SUGGEST_DELAY_MS, tooLargeMessage } from './largeText';

describe('large texts in the editor', () => {
  it('is large above the character or the line threshold', () => {
    expect(isLargeText(LARGE_TEXT_CHARS)).toBe(false);
    expect(isLargeText(LARGE_TEXT_CHARS + 1)).toBe(true);
    expect(isLargeText(1000, LARGE_TEXT_LINES + 1)).toBe(true);
    expect(isLargeText(400_000, 20_000)).toBe(false); // a 1,000-object dump keeps every editor feature
  });

  it('becomes normal again only well below the threshold, so an edit around it does not switch back and forth', () => {
    let large = largeTextMode(false, LARGE_TEXT_CHARS + 1, 10);
    expect(large).toBe(true);
    large = largeTextMode(large, LARGE_TEXT_CHARS - 1, 10);
    expect(large).toBe(true);
    large = largeTextMode(large, LARGE_TEXT_CHARS * 0.75 + 1, 10);
    expect(large).toBe(true);
    large = largeTextMode(large, LARGE_TEXT_CHARS * 0.75, 10);
    expect(large).toBe(false);
    // ... and a normal text between the two stays normal
    expect(largeTextMode(false, LARGE_TEXT_CHARS - 1, 10)).toBe(false);
    expect(largeTextMode(true, 1000, LARGE_TEXT_LINES)).toBe(true);
    expect(largeTextMode(true, 1000, 10)).toBe(false);
  });

  it('says in the note what is off and from what size', () => {
    expect(largeTextNote()).toContain('over 2 MB');
    expect(largeTextNote()).toMatch(/schema checks/);
    expect(sizeText(21_180_400)).toBe('21 MB');
    expect(sizeText(4_213_981)).toBe('4.2 MB');
    expect(sizeText(2_000_000)).toBe('2 MB');
    expect(sizeText(1500)).toBe('2 KB');
  });
});

describe('suggestDelay', () => {
  it('keeps Monaco\'s immediate suggestions for hand-written sizes and waits for a pause above 100 KB', () => {
    expect(suggestDelay(0)).toBe(SUGGEST_DELAY_MS);
    expect(suggestDelay(PAUSED_SUGGEST_CHARS)).toBe(SUGGEST_DELAY_MS);
    expect(suggestDelay(PAUSED_SUGGEST_CHARS + 1)).toBe(PAUSED_SUGGEST_DELAY_MS);
    expect(suggestDelay(400_000)).toBeGreaterThan(SUGGEST_DELAY_MS);
  });
});

describe('pasteArgs', () => {
  it('pastes plain clipboard text as it is', () => {
    expect(pasteArgs('a: 1\n', '', true)).toEqual({ text: 'a: 1\n', pasteOnNewLine: false, multicursorText: null, mode: null });
    expect(pasteArgs('a', 'not json', true).pasteOnNewLine).toBe(false);
    expect(pasteArgs('a', JSON.stringify({ version: 2, isFromEmptySelection: true }), true).pasteOnNewLine).toBe(false);
  });

  it('reads what a copy from Monaco left beside the text, as Monaco does', () => {
    const meta = JSON.stringify({ version: 1, isFromEmptySelection: true, multicursorText: ['a', 'b'], mode: 'yaml' });
    expect(pasteArgs('a\nb', meta, true)).toEqual({ text: 'a\nb', pasteOnNewLine: true, multicursorText: ['a', 'b'], mode: 'yaml' });
    expect(pasteArgs('a\nb', meta, false).pasteOnNewLine).toBe(false);
    expect(pasteArgs('x', JSON.stringify({ version: 1, multicursorText: [1, 2] }), true).multicursorText).toBeNull();
  });
});

describe('tooLargeMessage', () => {
  it('names the size and the limit from the engine diagnostic', () => {
    const m = tooLargeMessage([{ code: 'YamlSyntax', message: 'x' }, { code: 'InputTooLarge', message: 'editor has 21180400 characters; the limit is 20000000' }]);
    expect(m).toContain('21,180,400 characters');
    expect(m).toContain('at most 20,000,000');
    expect(m).toMatch(/empty cluster/);
  });

  it('keeps the engine words when they read differently, and says nothing without the diagnostic', () => {
    expect(tooLargeMessage([{ code: 'InputTooLarge', message: 'too big' }])).toContain('too big');
    expect(tooLargeMessage([{ code: 'YamlSyntax', message: 'x' }])).toBeUndefined();
    expect(tooLargeMessage(undefined)).toBeUndefined();
  });
});
