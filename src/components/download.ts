/** Saves content as a file through a temporary link (no server round trip; the text never leaves the device). */
export function downloadFile(file: { name: string; type: string; content: string | Uint8Array<ArrayBuffer> }): void {
  const type = typeof file.content === 'string' ? `${file.type};charset=utf-8` : file.type;
  const url = URL.createObjectURL(new Blob([file.content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
