// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLING, adoptModelDefaults, samplingParams, useSettings } from './settings';

beforeEach(() => useSettings.setState({ ...DEFAULT_SAMPLING, base: { temperature: 0.3, top_p: 0.9, max_tokens: 500 } }));

describe('sampling settings', () => {
  it("follow a loaded model's defaults where the user kept the previous default, and keep what the user chose", () => {
    useSettings.getState().set({ temperature: 0.5 });
    adoptModelDefaults({ temperature: 0.8, top_p: 0.7, max_tokens: 200 });
    expect(samplingParams()).toEqual({ temperature: 0.5, top_p: 0.7, max_tokens: 200, greedy: false });
    // the next model: values that followed the last one follow again; a model naming nothing brings Taiyi's back
    adoptModelDefaults(undefined);
    expect(samplingParams()).toEqual({ temperature: 0.5, top_p: 0.9, max_tokens: 500, greedy: false });
  });

  it("reset returns to the loaded model's defaults", () => {
    adoptModelDefaults({ max_tokens: 128 });
    useSettings.getState().set({ temperature: 1.2, max_tokens: 9, greedy: true });
    useSettings.getState().reset();
    expect(samplingParams()).toEqual({ temperature: 0.3, top_p: 0.9, max_tokens: 128, greedy: false });
  });
});
