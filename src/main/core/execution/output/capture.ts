import { StringDecoder } from 'node:string_decoder'
import { BoundedOutput, truncationNotice, type OutputStreamName } from './bounded'
import { ByteAccumulator } from './bytes'
import { OutputBatcher, type OutputListener } from './batcher'
import { LogFile } from './log-file'
import type { Redactor, StreamRedactor } from '../secrets/redact'

/** Options of one {@link OutputCapture}. */
export interface CaptureOptions {
  readonly stream: OutputStreamName
  readonly maxBytes: number
  readonly redactor: Redactor
  readonly logPath: string | null
  readonly onOutput?: OutputListener
  readonly batchIntervalMs?: number
}

/**
 * One stream of an action, from raw bytes to everything that shows them (spec §5.8):
 * bytes → cap ({@link BoundedOutput}) → lossy UTF-8 decoding that keeps multi-byte characters whole →
 * secret masking across chunk boundaries → log file, live batches and the returned text.
 *
 * The raw capped bytes stay available for output parsing; the text every consumer sees is redacted.
 *
 * Memory: the capped bytes, once. With no secrets to mask the text shown is exactly those bytes decoded, so
 * {@link text} decodes them once at the end (shared with {@link rawText}); only a run with secrets keeps a
 * copy of the redacted text as shown, since masking a secret cut by the cap cannot be redone afterwards.
 */
export class OutputCapture {
  readonly bounded: BoundedOutput
  private readonly decoder = new StringDecoder('utf8')
  private readonly redacting: StreamRedactor
  private readonly batcher: OutputBatcher
  /** The redacted text as shown, kept only when there is something to mask (see the class comment). */
  private readonly shown: ByteAccumulator | null
  private decoded: string | null = null
  private cutDone = false

  private constructor(
    private readonly options: CaptureOptions,
    private readonly log: LogFile
  ) {
    this.bounded = new BoundedOutput(options.stream, options.maxBytes)
    this.redacting = options.redactor.stream()
    this.shown = options.redactor.active ? new ByteAccumulator() : null
    this.batcher = new OutputBatcher(options.stream, options.onOutput, options.batchIntervalMs)
  }

  /** A capture whose log file (if any) is open: see {@link LogFile.openSync}. */
  static openSync(options: CaptureOptions): OutputCapture {
    return new OutputCapture(options, LogFile.openSync(options.logPath))
  }

  push(chunk: Buffer): void {
    const wasTruncated = this.bounded.truncated
    const appended = this.bounded.push(chunk)
    if (appended.length === 0) return
    if (!wasTruncated && this.bounded.truncated && !this.cutDone) {
      // The data part ends where the cap cut it: a secret started there can never complete.
      this.cutDone = true
      const dataBytes = appended.length - Buffer.byteLength(truncationNotice(this.options.stream))
      this.emit(this.redacting.push(this.decoder.write(appended.subarray(0, dataBytes))) + this.redacting.cut())
      this.emit(this.redacting.push(this.decoder.end() + truncationNotice(this.options.stream)))
      return
    }
    this.emit(this.redacting.push(this.decoder.write(appended)))
  }

  /** Release everything held; call once the stream has ended. */
  end(): void {
    this.emit(this.redacting.push(this.decoder.end()) + this.redacting.end())
    this.batcher.flush()
  }

  /** Flush and close the log within `timeoutMs`; whether the log is complete. */
  closeLog(timeoutMs: number): Promise<boolean> {
    return this.log.close(timeoutMs)
  }

  /** Why the log file is incomplete (disk full, not flushed in time), or null. */
  logProblem(): string | null {
    return this.log.problem
  }

  /** The redacted text that was shown, which is the text of the log file. Call once the stream has ended. */
  text(): string {
    return this.shown === null ? this.rawText() : this.shown.text()
  }

  /** The kept bytes (and the notice) decoded, not redacted: for output parsing. Call once the stream has ended. */
  rawText(): string {
    this.decoded ??= this.bounded.text()
    return this.decoded
  }

  private emit(text: string): void {
    if (text === '') return
    this.shown?.append(text)
    this.log.write(text)
    this.batcher.push(text)
  }
}
