import { describe, expect, it } from 'vitest'
import { CLOSE, closePayload, encodeFrame, FrameDecoder, isValidCloseCode, OPCODE, WebSocketProtocolError } from './websocket-frames'

const mask = Buffer.from([0x37, 0xfa, 0x21, 0x3d])
const server = () => new FrameDecoder({ maxPayload: 8 * 1024 * 1024, requireMask: true })

describe('WebSocket frames', () => {
  it('round-trips masked frames of every length encoding', () => {
    for (const size of [0, 1, 125, 126, 65535, 65536, 3 * 1024 * 1024]) {
      const payload = Buffer.alloc(size, 'a')
      const frames = server().push(encodeFrame(OPCODE.text, payload, { mask }))
      expect(frames).toHaveLength(1)
      expect(frames[0]?.payload.equals(payload)).toBe(true)
      expect(frames[0]?.fin).toBe(true)
    }
  })

  it('matches the RFC 6455 §5.7 examples', () => {
    expect(encodeFrame(OPCODE.text, 'Hello').toString('hex')).toBe('810548656c6c6f')
    const masked = Buffer.from('818537fa213d7f9f4d5158', 'hex')
    expect(server().push(masked)[0]?.payload.toString()).toBe('Hello')
  })

  it('decodes a stream split at every byte and several frames in one chunk', () => {
    const bytes = Buffer.concat([encodeFrame(OPCODE.text, 'first', { mask }), encodeFrame(OPCODE.ping, 'p', { mask }), encodeFrame(OPCODE.text, 'x'.repeat(300), { mask })])
    const decoder = server()
    const frames = [...bytes].flatMap((byte) => decoder.push(Buffer.from([byte])))
    expect(frames.map((frame) => frame.payload.toString())).toEqual(['first', 'p', 'x'.repeat(300)])
    expect(server().push(bytes)).toHaveLength(3)
  })

  it('keeps fragments as frames with their FIN bit', () => {
    const frames = server().push(Buffer.concat([encodeFrame(OPCODE.text, 'a', { mask, fin: false }), encodeFrame(OPCODE.continuation, 'b', { mask })]))
    expect(frames.map((frame) => [frame.opcode, frame.fin])).toEqual([
      [OPCODE.text, false],
      [OPCODE.continuation, true]
    ])
  })

  it('refuses what the protocol forbids, with the close code to answer', () => {
    const code = (bytes: Buffer, decoder = server()): number => {
      try {
        decoder.push(bytes)
      } catch (error) {
        return (error as WebSocketProtocolError).code
      }
      return 0
    }
    expect(code(encodeFrame(OPCODE.text, 'x'))).toBe(CLOSE.protocolError) // unmasked client frame
    const reserved = encodeFrame(OPCODE.text, 'x', { mask })
    reserved[0] = (reserved[0] as number) | 0x40
    expect(code(reserved)).toBe(CLOSE.protocolError)
    expect(code(Buffer.from([0x83, 0x80, 0, 0, 0, 0]))).toBe(CLOSE.protocolError) // opcode 3
    expect(code(encodeFrame(OPCODE.ping, 'x'.repeat(126), { mask }))).toBe(CLOSE.protocolError)
    expect(code(encodeFrame(OPCODE.ping, 'x', { mask, fin: false }))).toBe(CLOSE.protocolError)
    expect(code(encodeFrame(OPCODE.text, 'x'.repeat(2000), { mask }), new FrameDecoder({ maxPayload: 1024, requireMask: true }))).toBe(CLOSE.tooBig)
  })

  it('builds close payloads and knows the valid codes', () => {
    expect(closePayload(1000, 'bye').toString('hex')).toBe('03e8627965')
    expect(isValidCloseCode(1000)).toBe(true)
    expect(isValidCloseCode(1005)).toBe(false)
    expect(isValidCloseCode(4000)).toBe(true)
  })
})
