/**
 * Offering bytes for download: a Blob and an object URL for an `<a download>` link the user clicks
 * (works in the workbench and in Excel on the web; Excel desktop opens the link with the system
 * browser's download handling). The URL is revoked when it is replaced or the step unmounts.
 */
import { useEffect, useState } from "react";

export interface Download {
  url: string;
  fileName: string;
  size: number;
}

/** An object URL for `bytes` (null where the host has no URL.createObjectURL). */
export function useDownload(bytes: Uint8Array | string | null, fileName: string, type: string): Download | null {
  const [download, setDownload] = useState<Download | null>(null);
  useEffect(() => {
    if (bytes === null || typeof URL === "undefined" || typeof URL.createObjectURL !== "function") {
      setDownload(null);
      return;
    }
    const blob = new Blob([typeof bytes === "string" ? bytes : (bytes as Uint8Array<ArrayBuffer>)], { type });
    const url = URL.createObjectURL(blob);
    setDownload({ url, fileName, size: blob.size });
    return () => {
      if (typeof URL.revokeObjectURL === "function") URL.revokeObjectURL(url);
    };
  }, [bytes, fileName, type]);
  return download;
}

/** The bytes of a picked file (File.arrayBuffer where available, FileReader otherwise). */
export async function fileBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return new Uint8Array(await file.arrayBuffer());
  return new Promise((ok, fail) => {
    const r = new FileReader();
    r.onload = () => ok(new Uint8Array(r.result as ArrayBuffer));
    r.onerror = () => fail(r.error ?? new Error("could not read the file"));
    r.readAsArrayBuffer(file);
  });
}

/** The text of a picked file (UTF-8). */
export async function fileText(file: Blob): Promise<string> {
  return new TextDecoder("utf-8").decode(await fileBytes(file));
}
