"use client";

/** Opens the browser's print dialog (the page's print CSS decides what is printed). */
export function PrintButton({ label = "打印" }: { label?: string }) {
  return (
    <button type="button" onClick={() => window.print()} className="rounded bg-blue-700 px-4 py-2 text-sm text-white hover:bg-blue-800">
      {label}
    </button>
  );
}
