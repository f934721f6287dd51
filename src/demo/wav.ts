/** Just enough RIFF/WAVE to read espeak-ng's output and write one concatenated PCM file. */

export type PcmFormat = { sampleRate: number; channels: number; bitsPerSample: number };
export type Wav = PcmFormat & { audioFormat: number; data: Buffer };

export class WavError extends Error {}

const WAVE_FORMAT_PCM = 1;

/**
 * Reads the fmt and data chunks. A data chunk whose size runs past the end of the buffer is cut
 * to what is there: programs writing to a pipe (espeak-ng --stdout) cannot know the size and put
 * a large placeholder in the header.
 */
export function readWav(buf: Buffer): Wav {
  if (buf.length < 12 || buf.toString("ascii", 0, 4) !== "RIFF" || buf.toString("ascii", 8, 12) !== "WAVE") {
    throw new WavError("pas un fichier WAV (en-tête RIFF/WAVE absent)");
  }
  let format: Omit<Wav, "data"> | null = null;
  let offset = 12;
  while (offset + 8 <= buf.length) {
    const id = buf.toString("ascii", offset, offset + 4);
    const declared = buf.readUInt32LE(offset + 4);
    const start = offset + 8;
    const size = Math.min(declared, buf.length - start);
    if (id === "fmt ") {
      if (size < 16) throw new WavError("bloc fmt trop court");
      format = {
        audioFormat: buf.readUInt16LE(start),
        channels: buf.readUInt16LE(start + 2),
        sampleRate: buf.readUInt32LE(start + 4),
        bitsPerSample: buf.readUInt16LE(start + 14),
      };
    } else if (id === "data") {
      if (!format) throw new WavError("bloc data avant le bloc fmt");
      const frame = (format.channels * format.bitsPerSample) / 8;
      const whole = size - (frame > 0 ? size % frame : 0);
      return { ...format, data: buf.subarray(start, start + whole) };
    }
    offset = start + declared + (declared % 2);
  }
  throw new WavError("bloc data absent");
}

/** A canonical 44-byte-header PCM WAV file. */
export function writeWav(format: PcmFormat, data: Buffer): Buffer {
  const blockAlign = (format.channels * format.bitsPerSample) / 8;
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(WAVE_FORMAT_PCM, 20);
  header.writeUInt16LE(format.channels, 22);
  header.writeUInt32LE(format.sampleRate, 24);
  header.writeUInt32LE(format.sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(format.bitsPerSample, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

export const isPcmFormat = (wav: Wav, format: PcmFormat): boolean =>
  wav.audioFormat === WAVE_FORMAT_PCM &&
  wav.sampleRate === format.sampleRate &&
  wav.channels === format.channels &&
  wav.bitsPerSample === format.bitsPerSample;

/** Duration in milliseconds of `bytes` of PCM in this format. */
export const pcmDurationMs = (format: PcmFormat, bytes: number): number =>
  (bytes / ((format.channels * format.bitsPerSample) / 8) / format.sampleRate) * 1000;

/** `ms` of silence, rounded to whole frames. */
export function silence(format: PcmFormat, ms: number): Buffer {
  const frames = Math.round((format.sampleRate * ms) / 1000);
  return Buffer.alloc((frames * format.channels * format.bitsPerSample) / 8);
}
