import { TemplateGallery } from '../features/gallery/TemplateGallery.tsx';
import { BUILT_IN_TEMPLATES } from '../templates/registry.ts';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <a className="brand" href="#/">
          Proposal Studio
        </a>
      </header>
      <main className="app-main" id="main">
        <TemplateGallery
          templates={BUILT_IN_TEMPLATES}
          onPick={(id) => (location.hash = `#/new/${id}`)}
        />
      </main>
    </div>
  );
}
