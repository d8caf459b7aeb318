import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLargeText, LARGE_TEXT_CHARS, LARGE_TEXT_LINES, largeTextMode, largeTextNote, nextPieceSize, PASTE_PIECE_CHARS, PASTE_PIECE_MS, pasteArgs, PAUSED_SUGGEST_CHARS, pieceEnd, PAUSED_SUGGEST_DELAY_MS, sizeText, suggestDelay, SUGGEST_DELAY_MS, tooLargeMessage } from './largeText';

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

describe('pieceEnd', () => {
  it('cuts after the first line break at or past the size, and takes a short rest whole', () => {
    expect(pieceEnd('aaaa\nbb\ncc\n', 0, 3)).toBe(5);
    expect(pieceEnd('aaa\nbb\ncc\n', 0, 4)).toBe(4);
    expect(pieceEnd('aaaa\nbb\ncc\n', 5, 3)).toBe(8);
    expect(pieceEnd('aaaa\nbb\ncc', 8, 3)).toBe(10);
    expect(pieceEnd('one long line without a break', 0, 3)).toBe(29);
    expect(pieceEnd('', 0, 3)).toBe(0);
  });

  it('pieces put together are the text, none splits a line or a CR LF pair, and each but the last is at least the size', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', '\n', '\r\n', '\r', '😀'), { maxLength: 200 }), fc.integer({ min: 1, max: 20 }), (parts, size) => {
        const text = parts.join('');
        const pieces: string[] = [];
        for (let at = 0; at < text.length; ) {
          const to = pieceEnd(text, at, size);
          expect(to).toBeGreaterThan(at);
          pieces.push(text.slice(at, to));
          at = to;
        }
        expect(pieces.join('')).toBe(text);
        for (const p of pieces.slice(0, -1)) {
          expect(p.length).toBeGreaterThanOrEqual(size);
          expect(p.endsWith('\n')).toBe(true);
        }
      }),
    );
  });
});

describe('nextPieceSize', () => {
  it('aims the next piece at the target time, within the bounds and at most twice the last size', () => {
    const s = 2 * PASTE_PIECE_CHARS.min;
    expect(nextPieceSize(s, PASTE_PIECE_MS)).toBe(s);
    expect(nextPieceSize(s, 2 * PASTE_PIECE_MS)).toBe(s / 2);
    expect(nextPieceSize(s, PASTE_PIECE_MS / 4)).toBe(2 * s);
    expect(nextPieceSize(s, 0)).toBe(2 * s);
    expect(nextPieceSize(PASTE_PIECE_CHARS.min, 10 * PASTE_PIECE_MS)).toBe(PASTE_PIECE_CHARS.min);
    expect(nextPieceSize(PASTE_PIECE_CHARS.max, 0)).toBe(PASTE_PIECE_CHARS.max);
    expect(nextPieceSize(1000, 0)).toBe(PASTE_PIECE_CHARS.min);
  });
});
