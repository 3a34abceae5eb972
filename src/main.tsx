// First: zod's jitless setting must apply before any schema is created.
import './zodSetup.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { UpdatePrompt } from './features/offline/UpdatePrompt.tsx';
import './app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
    <UpdatePrompt />
  </StrictMode>,
);
