/**
 * The bundled llama.cpp build addresses memory with 64-bit pointers; a browser without WebAssembly Memory64
 * (Safari today) could only use the compatibility build, which would come from a CDN.
 */
export function supportsWasmMemory64(wasm: Pick<typeof WebAssembly, 'Memory'> = WebAssembly): boolean {
  try {
    new wasm.Memory({ address: 'i64', initial: 1n } as unknown as WebAssembly.MemoryDescriptor);
    return true;
  } catch {
    return false;
  }
}
