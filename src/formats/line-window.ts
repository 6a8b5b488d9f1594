/**
 * Keeps the bytes a streaming parser has been fed but whose records have not been located yet, and
 * maps byte offsets to 1-based line numbers. Lines end at LF, like git's and GitHub's line
 * numbering (so CRLF is one break and a lone CR is not), which is what review comments point at.
 */

const LF = 0x0a
const CR = 0x0d

export class LineWindow {
  private chunks: Buffer[] = []
  /** Absolute offset of `chunks[0][0]`. */
  private chunksStart = 0
  /** Absolute offset just past the last byte pushed. */
  private chunksEnd = 0
  /** Absolute offset of the cursor; everything before it is forgotten. */
  private position = 0
  private currentLine = 1

  push(chunk: Buffer): void {
    if (chunk.length === 0) return
    this.chunks.push(chunk)
    this.chunksEnd += chunk.length
  }

  get offset(): number {
    return this.position
  }

  /** The line the cursor is on. */
  get line(): number {
    return this.currentLine
  }

  /** Moves the cursor to `target` (not beyond the bytes pushed), counting the line breaks passed. */
  advanceTo(target: number): void {
    const end = Math.min(target, this.chunksEnd)
    while (this.position < end) {
      const chunk = this.chunks[0]
      const from = this.position - this.chunksStart
      const to = Math.min(chunk.length, end - this.chunksStart)
      for (let i = chunk.indexOf(LF, from); i >= 0 && i < to; i = chunk.indexOf(LF, i + 1)) {
        this.currentLine++
      }
      this.position = this.chunksStart + to
      if (to === chunk.length) this.dropFirstChunk()
    }
  }

  /** Moves the cursor over CR and LF bytes, stopping before `limit`: to where a record's text starts. */
  skipLineBreaks(limit: number): void {
    const end = Math.min(limit, this.chunksEnd)
    while (this.position < end) {
      const byte = this.chunks[0][this.position - this.chunksStart]
      if (byte !== LF && byte !== CR) return
      if (byte === LF) this.currentLine++
      this.position++
      if (this.position - this.chunksStart === this.chunks[0].length) this.dropFirstChunk()
    }
  }

  /** Bytes from the cursor to `to` (capped at what was pushed), without moving the cursor. */
  bytesTo(to: number): Buffer {
    const end = Math.min(to, this.chunksEnd)
    if (end <= this.position) return Buffer.alloc(0)
    const parts: Buffer[] = []
    let start = this.chunksStart
    for (const chunk of this.chunks) {
      const chunkEnd = start + chunk.length
      if (chunkEnd > this.position && start < end) {
        parts.push(
          chunk.subarray(Math.max(0, this.position - start), Math.min(chunk.length, end - start))
        )
      }
      if (chunkEnd >= end) break
      start = chunkEnd
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts)
  }

  private dropFirstChunk(): void {
    const chunk = this.chunks.shift()
    if (chunk) this.chunksStart += chunk.length
  }
}
