import { describe, expect, it } from 'vitest';
import { supportsWasmMemory64 } from './wasm-support';

describe('supportsWasmMemory64', () => {
  it('is false where a 64-bit memory cannot be created, true where it can', () => {
    // stand-ins for a browser's WebAssembly.Memory without and with the proposal
    class NoMemory64 {
      constructor(d: { address?: string }) {
        if (d.address === 'i64') throw new TypeError('invalid address type');
      }
    }
    class WithMemory64 {
      constructor(d: { address?: string; initial: bigint | number }) {
        if (d.address === 'i64' && typeof d.initial !== 'bigint') throw new TypeError('initial must be a BigInt');
      }
    }
    expect(supportsWasmMemory64({ Memory: NoMemory64 } as unknown as typeof WebAssembly)).toBe(false);
    expect(supportsWasmMemory64({ Memory: WithMemory64 } as unknown as typeof WebAssembly)).toBe(true);
  });
});
