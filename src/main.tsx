import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { UpdatePrompt } from './features/offline/UpdatePrompt.tsx';
import './app/app.css';

// The Content-Security-Policy forbids eval: zod must not probe `new Function`.
z.config({ jitless: true });

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
    <UpdatePrompt />
  </StrictMode>,
);
