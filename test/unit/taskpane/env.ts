/** jsdom lacks TextEncoder/TextDecoder (the gateway measures payloads with them). */
import { TextDecoder, TextEncoder } from "node:util";
import "@testing-library/jest-dom";

Object.assign(globalThis, { TextEncoder, TextDecoder });

/** Fluent's MessageBar observes its size; jsdom has no ResizeObserver. */
class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (typeof (globalThis as { ResizeObserver?: unknown }).ResizeObserver === "undefined") Object.assign(globalThis, { ResizeObserver: ResizeObserverStub });
