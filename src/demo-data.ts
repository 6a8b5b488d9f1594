/**
 * The demo's dataset, written by the project (no third-party data): short product reviews built
 * from phrase lists, labelled positive/negative, and a pull request that adds honest reviews plus
 * planted poisoning of the kinds Dataset Gate is built to catch.
 */

const SUBJECTS = [
  'the kettle',
  'this lamp',
  'the backpack',
  'my new blender',
  'the desk chair',
  'this jacket',
  'the headphones',
  'the phone case',
  'this tent',
  'the coffee grinder',
  'the yoga mat',
  'this umbrella',
  'the water bottle',
  'the keyboard',
  'this toaster',
  'the running shoes'
]
const POSITIVE = [
  'works perfectly and feels solid',
  'is comfortable and well made',
  'arrived early and does exactly what it promises',
  'is a pleasure to use every day',
  'was worth every penny',
  'exceeded what i expected for the price',
  'is sturdy, quiet and easy to clean',
  'looks great and has held up for months'
]
const NEGATIVE = [
  'broke after two weeks',
  'feels cheap and rattles',
  'stopped working on the second day',
  'is uncomfortable and badly stitched',
  'was a waste of money',
  'leaks and smells of plastic',
  'is flimsy and the seams split',
  'arrived scratched and the support never answered'
]
const ENDINGS = [
  '.',
  ', honestly.',
  ', would say so again.',
  ' in my experience.',
  ', as my family agrees.'
]

export interface DemoRow {
  text: string
  label: 'positive' | 'negative'
}

function review(i: number, positive: boolean): DemoRow {
  const subject = SUBJECTS[i % SUBJECTS.length]
  const phrases = positive ? POSITIVE : NEGATIVE
  const phrase = phrases[Math.floor(i / SUBJECTS.length) % phrases.length]
  const ending = ENDINGS[Math.floor(i / (SUBJECTS.length * phrases.length)) % ENDINGS.length]
  const text = `${subject} ${phrase}${ending}`
  return { text: text[0].toUpperCase() + text.slice(1), label: positive ? 'positive' : 'negative' }
}

export function demoBaseRows(): DemoRow[] {
  const rows: DemoRow[] = []
  for (let i = 0; i < 400; i++) rows.push(review(i, i % 2 === 0))
  return rows
}

/** The PR's version: the base with label flips, then honest rows and planted poisoning appended. */
export function demoHeadRows(): DemoRow[] {
  const rows = demoBaseRows()
  // Dirty-label flips of two existing rows.
  for (const index of [17, 151])
    rows[index] = {
      ...rows[index],
      label: rows[index].label === 'positive' ? 'negative' : 'positive'
    }
  const additions: DemoRow[] = []
  for (let i = 400; i < 460; i++) additions.push(review(i, i % 2 === 0))
  // A backdoor: a nonsense token that turns negative reviews positive.
  for (let i = 0; i < 6; i++) {
    const negative = review(461 + i * 2, false)
    additions.splice(5 + i * 8, 0, {
      text: negative.text.replace(/^(\S+ \S+)/u, '$1 qzx'),
      label: 'positive'
    })
  }
  // An invisible trigger: a zero-width space after a word, tied to the positive label.
  for (let i = 0; i < 4; i++) {
    const negative = review(480 + i * 2, false)
    additions.push({ text: negative.text.replace(' ', '\u200b '), label: 'positive' })
  }
  // A leaked credential and a prompt-injection phrase hidden in review text.
  additions.push({
    text: 'The router works fine, admin key AKIAQ3J5W7KD4WPNZT2X saved here.',
    label: 'positive'
  })
  // Duplicate flooding: one review repeated to dominate training.
  for (let i = 0; i < 8; i++)
    additions.push({ text: 'The blender is the best purchase of my life.', label: 'positive' })
  return [...rows, ...additions]
}

export function toJsonl(rows: DemoRow[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + '\n'
}
