import { render } from 'preact';
import { App } from './app';
import { startEarly } from './lib/early';
import './styles.css';

startEarly(window.location.pathname + window.location.search);

const root = document.getElementById('app')!;
// The "opening…" line in index.html is for the seconds before this script arrives on a slow line.
root.textContent = '';
render(<App />, root);

// The shell worker keeps the app openable offline; it is not needed for the first screen, so it waits.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
