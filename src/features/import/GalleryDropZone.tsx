import { useState } from 'react';
import type { DragEvent, ReactNode } from 'react';

/**
 * Drop a file anywhere on the gallery to import it. The drop target is the gallery itself;
 * the Import button offers the same for keyboard and touch.
 */
export function GalleryDropZone({
  onFile,
  children,
}: {
  onFile: (file: File) => void;
  children: ReactNode;
}) {
  const [over, setOver] = useState(false);
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');
  return (
    <div
      className={`gallery-drop${over ? ' gallery-drop-over' : ''}`}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setOver(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      {over ? (
        <p className="gallery-drop-hint" role="status">
          Drop the file to import it
        </p>
      ) : null}
      {children}
    </div>
  );
}
