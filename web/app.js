// The simbook dashboard: events, an event's live state, prices and win-probability path, and the trader's
// tools, all through the server's own API (/v1) and its WebSocket push channel (/v1/stream).
// The API key lives in memory; it is kept in sessionStorage only when the user asks, and never in a URL.
'use strict';

const MAIN_KEYS = ['h2h', 'spreads', 'totals'];
const OTHER_KEYS = ['player_points', 'player_rebounds', 'player_assists', 'player_threes',
  'player_points_rebounds_assists', 'next_goal', 'goal_before', 'lead_change', 'lead_at', 'next_team_to_score',
  'next_score', 'largest_run', 'largest_run_team'];
const KEY_STORE = 'simbook.apiKey';
const SVG = 'http://www.w3.org/2000/svg';

const app = {
  key: '',
  trader: false,
  american: false,
  events: new Map(),     // id -> {event, odds}
  current: null,         // id of the open event
  detail: null,          // {odds, momentum, exposure}
  history: [],           // [{minute, p}] of the open event, one per game time seen
  lastPrices: new Map(), // "market|selection|name|description" -> decimal price last shown
  changes: new Map(),    // the same keys -> 'up' | 'down': the direction of the price's last move
  listChanges: new Map(), // "id|side" -> 'up' | 'down': the last move of the events list's h2h prices
  socket: null,
  poll: 0,               // the timer of findNewEvents
  retry: 0,
  refreshing: new Map(), // id -> Promise of a refresh in flight
  again: new Set(),      // ids pushed again while their refresh was in flight
};

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// ---- API --------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

// An API error in plain words: what happened and what to do, from the error body {error: {message, field}}.
function plainError(status, body) {
  const detail = body && body.error ? body.error : {};
  const why = detail.message ? `: ${detail.message}` : '';
  const field = detail.field ? ` (field ${detail.field})` : '';
  switch (status) {
    case 400: return `The server refused the request as invalid${field}${why}.`;
    case 401: return 'The API key was not accepted. Check the key and connect again.';
    case 403: return 'This API key may not do that; it needs a trader or admin key.';
    case 404: return `Not found${why}.`;
    case 405: return 'The server does not allow that action here.';
    case 409: return `The server refused the change${why}.`;
    case 413: return 'The request was too large for the server.';
    case 422: return `The server could not use those values${field}${why}.`;
    case 429: return 'Too many requests for this key; wait a moment and try again.';
    case 503: return 'The server is not ready yet; try again shortly.';
    case 504: return 'The computation took longer than this key is allowed; ask for fewer paths.';
    default:
      return `The server failed (HTTP ${status})${detail.request_id ? `; request id ${detail.request_id}` : ''}.`;
  }
}

async function api(method, path, body) {
  const init = { method, headers: { 'X-API-Key': app.key }, cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError('The server could not be reached. Is simbook serve still running?', 0);
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = null;
  }
  if (!response.ok) throw new ApiError(plainError(response.status, data), response.status);
  return data;
}

function showError(error) {
  const box = $('message');
  box.textContent = error instanceof ApiError ? error.message : `Something went wrong in the page: ${error.message}`;
  box.hidden = false;
}

function clearError() {
  $('message').hidden = true;
  $('message').textContent = '';
}

// Runs an action, showing its failure in words instead of throwing.
async function attempt(action) {
  try {
    return await action();
  } catch (error) {
    showError(error);
    return undefined;
  }
}

// ---- Formats ----------------------------------------------------------------------------------------------

function american(decimal) {
  if (!(decimal > 1)) return '-';
  const value = decimal >= 2 ? Math.round((decimal - 1) * 100) : -Math.round(100 / (decimal - 1));
  return value > 0 ? `+${value}` : String(value);
}

function price(decimal) {
  if (typeof decimal !== 'number') return '-';
  return app.american ? american(decimal) : decimal.toFixed(2);
}

function percent(p, digits = 1) {
  return typeof p === 'number' ? `${(p * 100).toFixed(digits)}%` : '-';
}

function money(x) {
  return typeof x === 'number' ? x.toFixed(2) : '-';
}

// Game time in minutes from a live state: soccer's minute (+ stoppage), basketball's period and clock, football's
// quarter and clock (15-minute quarters), baseball's inning and half (one "minute" per half inning).
function gameMinute(event) {
  const s = event.state;
  if (!s) return 0;
  if (typeof s.minute === 'number') return s.minute + (s.stoppage || 0);
  if (typeof s.quarter === 'number') {
    const [m, sec] = String(s.clock || '15:00').split(':').map(Number);
    return (s.quarter - 1) * 15 + (15 - ((m || 0) + (sec || 0) / 60));
  }
  if (typeof s.inning === 'number') return (s.inning - 1) * 2 + (s.half === 'bottom' ? 1 : 0);
  if (typeof s.period === 'number') {
    const [m, sec] = String(s.clock || '12:00').split(':').map(Number);
    const left = (m || 0) + (sec || 0) / 60;
    return s.period <= 4 ? (s.period - 1) * 12 + (12 - left) : 48 + (s.period - 5) * 5 + (5 - left);
  }
  return 0;
}

function gameLength(event) {
  return { basketball: 48, football: 60, baseball: 18 }[event.sport] || 90;
}

function liveState(event) {
  const s = event.state;
  if (!s) return 'Not started';
  const score = `${s.home ?? 0}-${s.away ?? 0}`;
  if (s.finished) return `Finished ${score}`;
  if (typeof s.minute === 'number') return `${Math.floor(s.minute)}' ${score}`;
  if (typeof s.period === 'number') return `Q${s.period} ${s.clock || ''} ${score}`;
  if (typeof s.quarter === 'number') return `Q${s.quarter} ${s.clock || ''} ${score}`;
  if (typeof s.inning === 'number') return `${s.half === 'bottom' ? 'Bot' : 'Top'} ${s.inning} ${score}`;
  return score;
}

function outcomeKey(market, o) {
  return `${market.market}|${o.selection || ''}|${o.name}|${o.description || ''}`;
}

// The h2h prices of an odds feed by side: {home, draw, away}.
function mainPrices(odds) {
  const result = {};
  const book = odds && odds.bookmakers && odds.bookmakers[0];
  const h2h = book ? book.markets.find((m) => m.key === 'h2h') : null;
  if (!h2h) return result;
  for (const o of h2h.outcomes) {
    if (o.name === odds.home_team || o.selection === 'home') result.home = o;
    else if (o.name === odds.away_team || o.selection === 'away') result.away = o;
    else result.draw = o;
  }
  return result;
}

// P(home win) from the h2h prices, the margin taken out proportionally.
function homeWinProbability(odds) {
  const p = mainPrices(odds);
  if (!p.home || !p.away) return null;
  const sides = [p.home, p.draw, p.away].filter(Boolean).map((o) => 1 / o.price);
  const total = sides.reduce((a, b) => a + b, 0);
  return sides[0] / total;
}

// ---- Events list ------------------------------------------------------------------------------------------

async function loadEvents() {
  const events = await api('GET', '/v1/events');
  const list = events;
  app.events.clear();
  await Promise.all(list.map(async (event) => {
    const odds = await api('GET', `/v1/events/${encodeURIComponent(event.id)}/odds?markets=h2h`);
    app.events.set(event.id, { event, odds });
  }));
  renderEvents();
}

function priceCell(outcome, changeKey) {
  if (!outcome) return el('td', { className: 'num' }, '-');
  const change = app.listChanges.get(changeKey);
  return el('td', { className: `num ${change || ''}` }, price(outcome.price),
    change ? el('span', { className: 'arrow', 'aria-label': change === 'up' ? 'up' : 'down' },
      change === 'up' ? ' \u25B2' : ' \u25BC') : null);
}

function renderEvents() {
  const body = $('events-table').tBodies[0];
  body.replaceChildren();
  for (const [id, { event, odds }] of app.events) {
    const p = mainPrices(odds);
    const open = el('button', { type: 'button', className: 'link', 'data-event': id,
      onclick: () => openEvent(id) }, `${event.home_team} v ${event.away_team}`);
    body.append(el('tr', { 'data-event-row': id, className: id === app.current ? 'selected' : '' },
      el('td', {}, event.sport), el('td', {}, open), el('td', { className: 'state' }, liveState(event)),
      priceCell(p.home, `${id}|home`), priceCell(p.draw, `${id}|draw`),
      priceCell(p.away, `${id}|away`)));
  }
}

// Marks the list's h2h prices that moved at this push; a price keeps the mark of its last move.
function noteListChanges(id, before, after) {
  for (const side of ['home', 'draw', 'away']) {
    const key = `${id}|${side}`;
    if (before[side] && after[side] && before[side].price !== after[side].price) {
      app.listChanges.set(key, after[side].price > before[side].price ? 'up' : 'down');
    }
  }
}

// Events created after the page loaded (a `simbook replay`, a trader's POST /v1/events) join the list and the
// feed; the server pushes odds only, so this is the one poll.
async function findNewEvents() {
  if (!app.key) return;
  const list = await api('GET', '/v1/events');
  const fresh = list.filter((event) => !app.events.has(event.id));
  if (fresh.length === 0) return;
  await Promise.all(fresh.map(async (event) => {
    const odds = await api('GET', `/v1/events/${encodeURIComponent(event.id)}/odds?markets=h2h`);
    app.events.set(event.id, { event, odds });
  }));
  renderEvents();
  if (app.socket && app.socket.readyState === WebSocket.OPEN) {
    app.socket.send(JSON.stringify({ subscribe: fresh.map((event) => event.id) }));
  }
}

// ---- Live updates -----------------------------------------------------------------------------------------

function hex(text) {
  return Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0')).join('');
}

function setLive(text, ok) {
  $('live-status').textContent = text;
  $('live-status').classList.toggle('ok', ok);
}

// The push channel: the key travels as a WebSocket subprotocol (simbook.key.HEX), never in the URL.
function connectStream() {
  if (!app.key) return;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/stream`;
  const socket = new WebSocket(url, ['simbook.v1', `simbook.key.${hex(app.key)}`]);
  app.socket = socket;
  socket.onopen = () => {
    app.retry = 0;
    socket.send(JSON.stringify({ subscribe: [...app.events.keys()] }));
  };
  socket.onmessage = (message) => {
    let data;
    try {
      data = JSON.parse(message.data);
    } catch (e) {
      return;
    }
    if (data.type === 'subscribed') setLive('Live', true);
    else if (data.type === 'odds' && data.id) refresh(data.id);
    else if (data.type === 'error') showError(new ApiError(`The live feed refused a request: ${data.message || ''}`));
  };
  socket.onclose = () => {
    if (app.socket !== socket) return;
    app.socket = null;
    if (!app.key) return;
    setLive('Reconnecting...', false);
    app.retry = Math.min(app.retry + 1, 5);
    setTimeout(connectStream, 500 * app.retry);
  };
}

// Fetches an event again after a push; pushes that arrive meanwhile cause one more refresh, not one each.
function refresh(id) {
  if (app.refreshing.has(id)) {
    app.again.add(id);
    return;
  }
  const run = attempt(() => refreshNow(id)).finally(() => {
    app.refreshing.delete(id);
    if (app.again.delete(id)) refresh(id);
  });
  app.refreshing.set(id, run);
}

async function refreshNow(id) {
  const path = `/v1/events/${encodeURIComponent(id)}`;
  const [event, odds] = await Promise.all([api('GET', path), api('GET', `${path}/odds?markets=h2h`)]);
  const entry = app.events.get(id);
  if (entry) noteListChanges(id, mainPrices(entry.odds), mainPrices(odds));
  app.events.set(id, { event, odds });
  renderEvents();
  if (id === app.current) await loadDetail(id);
}

// ---- Event view -------------------------------------------------------------------------------------------

async function openEvent(id) {
  clearError();
  app.current = id;
  app.history = [];
  app.lastPrices.clear();
  app.changes.clear();
  $('event').hidden = false;
  renderEvents();
  await attempt(() => loadDetail(id));
  $('event-title').focus();
}

async function loadDetail(id) {
  const path = `/v1/events/${encodeURIComponent(id)}`;
  const [odds, momentum, exposure] = await Promise.all([
    api('GET', `${path}/odds?markets=${[...MAIN_KEYS, ...OTHER_KEYS].join(',')}`),
    api('GET', `${path}/momentum`),
    app.trader ? api('GET', `${path}/exposure`) : Promise.resolve(null),
  ]);
  if (id !== app.current) return;
  const { event } = app.events.get(id);
  noteDetailChanges(odds);
  app.detail = { odds, momentum, exposure };
  const p = homeWinProbability(odds);
  if (p !== null) {
    const minute = gameMinute(event);
    const last = app.history[app.history.length - 1];
    if (last && last.minute >= minute) last.p = p;
    else app.history.push({ minute, p });
  }
  renderDetail(event);
}

// Each price keeps the mark of its last move (a push of the main lines, then one of every market, would otherwise
// clear it at once).
function noteDetailChanges(odds) {
  for (const market of odds.bookmakers[0].markets) {
    for (const o of market.outcomes) {
      const key = outcomeKey(market, o);
      const before = app.lastPrices.get(key);
      if (before !== undefined && before !== o.price) app.changes.set(key, o.price > before ? 'up' : 'down');
      app.lastPrices.set(key, o.price);
    }
  }
}

function renderDetail(event) {
  const s = event.state || {};
  $('event-title').textContent = `${event.home_team} v ${event.away_team}`;
  $('score').textContent = `${s.home ?? 0} - ${s.away ?? 0}`;
  $('clock').textContent = !event.state ? 'not started' : s.finished ? 'full time' :
    s.clock || `${Math.floor(s.minute ?? 0)}'`;
  $('period').textContent = s.finished ? 'finished' : s.period ? `Q${s.period}` : s.quarter ? `Q${s.quarter}` :
    s.inning ? `${s.half === 'bottom' ? 'bottom' : 'top'} ${s.inning}` : s.half ? `half ${s.half}` :
    event.state ? (s.minute >= 45 ? 'half 2' : 'half 1') : '-';
  $('version').textContent = String(event.version);
  renderChart(event);
  const states = new Map();
  if (app.detail.exposure) {
    for (const m of app.detail.exposure.markets) states.set(m.market, m.state);
  }
  const markets = app.detail.odds.bookmakers[0].markets;
  renderMarkets($('main-lines'), markets.filter((m) => MAIN_KEYS.includes(m.key)), states);
  renderMarkets($('props'), markets.filter((m) => !MAIN_KEYS.includes(m.key)), states);
  if (app.trader) renderTrader(event);
}

function marketLabel(market) {
  return market.market.split(':').join(' ');
}

function renderMarkets(table, markets, states) {
  const rows = [];
  for (const market of markets) {
    const state = states.get(market.market) || market.state || 'open';
    const suspended = state !== 'open';
    const cells = market.outcomes.map((o) => {
      const key = outcomeKey(market, o);
      const change = app.changes.get(key);
      const name = [o.description, o.name, o.point !== undefined ? o.point : null].filter((x) => x !== undefined &&
        x !== null).join(' ');
      return el('span', { className: `outcome ${change || ''}`, 'data-outcome': key },
        el('span', { className: 'name' }, name), ' ', el('span', { className: 'price' }, price(o.price)),
        change ? el('span', { className: 'arrow', 'aria-label': change }, change === 'up' ? '\u25B2' : '\u25BC') :
          null);
    });
    const row = el('tr', { className: suspended ? 'suspended' : '', 'data-market': market.market },
      el('th', { scope: 'row' }, marketLabel(market),
        suspended ? el('span', { className: 'badge' }, state.replace('_', ' ')) : null),
      el('td', { className: 'outcomes' }, ...cells));
    if (app.trader) row.append(el('td', { className: 'actions' }, ...marketActions(market, state)));
    rows.push(row);
  }
  if (rows.length === 0) {
    rows.push(el('tr', {}, el('td', { colspan: 3 }, 'None offered at this version.')));
  }
  table.replaceChildren(el('tbody', {}, ...rows));
}

function marketActions(market, state) {
  const id = app.current;
  const base = `/v1/events/${encodeURIComponent(id)}/markets/${encodeURIComponent(market.market)}`;
  const act = (verb, body) => attempt(async () => {
    clearError();
    await api('POST', `${base}/${verb}`, body);
    await loadDetail(id);
    // The row was drawn again: keep the keyboard where it was, on the market's first button.
    const row = document.querySelector(`tr[data-market="${CSS.escape(market.market)}"]`);
    if (row && row.querySelector('button')) row.querySelector('button').focus();
  });
  if (state === 'settled') return [el('span', {}, 'settled')];
  const winner = el('select', { 'aria-label': `Winner of ${marketLabel(market)}` },
    ...market.outcomes.map((o) => el('option', { value: o.name }, o.description ? `${o.description} ${o.name}` : o.name)));
  return [
    state === 'suspended'
      ? el('button', { type: 'button', onclick: () => act('resume') }, 'Resume')
      : el('button', { type: 'button', onclick: () => act('suspend') }, 'Suspend'),
    winner,
    el('button', { type: 'button', onclick: () => act('settle', { winner: winner.value }) }, 'Settle'),
  ];
}

// ---- Chart ------------------------------------------------------------------------------------------------

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderChart(event) {
  const chart = $('chart');
  const W = 600, H = 240, L = 40, R = 10, T = 10, B = 30;
  const end = Math.max(gameLength(event), ...app.history.map((h) => h.minute));
  const x = (m) => L + (Math.min(m, end) / end) * (W - L - R);
  const y = (p) => T + (1 - p) * (H - T - B);
  const parts = [svg('rect', { x: L, y: T, width: W - L - R, height: H - T - B, class: 'plot' })];
  for (const p of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(svg('line', { x1: L, x2: W - R, y1: y(p), y2: y(p), class: 'grid-line' }));
    parts.push(svg('text', { x: L - 6, y: y(p) + 4, class: 'tick', 'text-anchor': 'end' }, `${p * 100}%`));
  }
  const step = end > 60 ? 15 : 12;
  for (let m = 0; m <= end; m += step) {
    parts.push(svg('text', { x: x(m), y: H - 10, class: 'tick', 'text-anchor': 'middle' }, `${m}'`));
  }
  const now = gameMinute(event);
  const projected = (app.detail.momentum.win_prob_path || [])
    .map((point) => ({ minute: point.minute === 'final' ? end : point.minute, p: point.home }))
    .filter((point) => typeof point.minute === 'number' && typeof point.p === 'number' && point.minute >= now);
  const last = app.history[app.history.length - 1];
  if (projected.length > 0) {
    const start = last ? [last] : [];
    parts.push(svg('polyline', { class: 'projected', 'data-points': projected.length,
      points: [...start, ...projected].map((h) => `${x(h.minute)},${y(h.p)}`).join(' ') }));
  }
  parts.push(svg('polyline', { id: 'chart-history', class: 'history', 'data-points': app.history.length,
    points: app.history.map((h) => `${x(h.minute)},${y(h.p)}`).join(' ') }));
  for (const h of app.history) {
    parts.push(svg('circle', { cx: x(h.minute), cy: y(h.p), r: 3, class: 'history-point' },
      undefined));
  }
  if (last) {
    parts.push(svg('text', { x: x(last.minute) + 6, y: y(last.p) - 6, class: 'now' }, percent(last.p, 0)));
  }
  chart.replaceChildren(...parts);
  chart.setAttribute('data-points', String(app.history.length));
}

// ---- Trader view ------------------------------------------------------------------------------------------

function renderTrader(event) {
  $('trader').hidden = false;
  const exposure = app.detail.exposure;
  $('worst-case').textContent = exposure
    ? `Worst case for the book: ${money(exposure.liability)} on stakes of ${money(exposure.stakes)}.`
    : '';
  const rows = [];
  for (const m of exposure ? exposure.markets : []) {
    for (const o of m.outcomes) {
      rows.push(el('tr', { className: m.state === 'open' ? '' : 'suspended' },
        el('td', {}, m.market.split(':').join(' ')), el('td', {}, m.state.replace('_', ' ')), el('td', {}, o.outcome),
        el('td', { className: 'num' }, money(o.stakes)), el('td', { className: 'num' }, money(o.potential_payout)),
        el('td', { className: 'num' }, money(o.liability))));
    }
  }
  $('exposure').replaceChildren(
    el('thead', {}, el('tr', {}, ...['Market', 'State', 'Outcome', 'Stakes', 'Payout', 'Liability']
      .map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 6 }, 'No markets in the book.'))])));
  const console_ = $('state-json');
  if (console_.dataset.event !== event.id) {
    console_.dataset.event = event.id;
    console_.value = JSON.stringify(event.state || (event.sport === 'basketball'
      ? { period: 1, clock: '12:00', home: 0, away: 0, possession: 'home' }
      : { minute: 0, home: 0, away: 0 }));
    fillWhatIfTypes(event);
  } else if (!$('whatif-change').dataset.edited) {
    $('whatif-type').onchange(); // the change follows the live state (a red card at the current minute)
  }
}

const WHATIF_CHANGES = {
  soccer: [
    ['Home red card now', (s) => ({ type: 'red_card', team: 'home', minute: Math.floor((s && s.minute) || 0) })],
    ['Home xG +10%', () => ({ type: 'rating', team: 'home', xg_mult: 1.1 })],
    ['Faster game (+10%)', () => ({ type: 'pace', mult: 1.1 })],
    ['Neutral venue', () => ({ type: 'neutral_venue' })],
  ],
  basketball: [
    ['Faster game (+5%)', () => ({ type: 'pace', mult: 1.05 })],
    ['Neutral venue', () => ({ type: 'neutral_venue' })],
  ],
};

function fillWhatIfTypes(event) {
  const choices = WHATIF_CHANGES[event.sport] || [];
  const select = $('whatif-type');
  select.replaceChildren(...choices.map(([label], i) => el('option', { value: String(i) }, label)));
  select.onchange = () => {
    const choice = choices[Number(select.value)];
    const current = app.events.get(event.id).event;
    $('whatif-change').value = choice ? JSON.stringify(choice[1](current.state)) : '';
    delete $('whatif-change').dataset.edited;
  };
  select.onchange();
  $('whatif-form').hidden = choices.length === 0;
  $('whatif-none').hidden = choices.length !== 0;
  $('whatif-result').replaceChildren();
}

function parseJson(text, what) {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError(`The ${what} is not valid JSON: ${e.message}`, 0);
  }
}

async function postState(submit) {
  submit.preventDefault();
  clearError();
  const id = app.current;
  await attempt(async () => {
    const state = parseJson($('state-json').value, 'state');
    const accepted = await api('POST', `/v1/events/${encodeURIComponent(id)}/state`, state);
    $('state-result').textContent = `Accepted: version ${accepted.version}, key events ${accepted.key_events}.`;
  });
}

async function runWhatIf(submit) {
  submit.preventDefault();
  clearError();
  const { event } = app.events.get(app.current);
  const button = $('whatif-run');
  button.disabled = true;
  $('whatif-result').replaceChildren(el('caption', {}, 'Running...'));
  await attempt(async () => {
    const change = parseJson($('whatif-change').value, 'change');
    const request = {
      sport: event.sport, league: event.league,
      home_team: event.home_team_abbreviation || event.home_team,
      away_team: event.away_team_abbreviation || event.away_team,
      markets: $('whatif-markets').value, scenario: [change], sims: Number($('whatif-sims').value) || 20000,
    };
    if (event.state) request.state = event.state;
    const result = await api('POST', '/v1/whatif', request);
    renderWhatIf(result);
  });
  button.disabled = false;
  if ($('whatif-result').querySelector('caption')?.textContent === 'Running...') $('whatif-result').replaceChildren();
}

function scenarioPrice(value) {
  const decimal = value && typeof value === 'object' ? value.price : value;
  return price(decimal);
}

function renderWhatIf(result) {
  const rows = [];
  for (const m of result.markets || []) {
    for (const o of m.outcomes) {
      rows.push(el('tr', {}, el('td', {}, m.market), el('td', {}, o.name),
        el('td', { className: 'num' }, percent(o.base)), el('td', { className: 'num' }, percent(o.scenario)),
        el('td', { className: `num ${o.delta > 0 ? 'up' : o.delta < 0 ? 'down' : ''}` },
          `${o.delta >= 0 ? '+' : ''}${(o.delta * 100).toFixed(2)} \u00B1 ${(o.delta_se * 100).toFixed(2)} pts`),
        el('td', { className: 'num' }, `\u00B1 ${(o.independent_se * 100).toFixed(2)}`),
        el('td', { className: 'num' }, `${scenarioPrice(o.base_price)} \u2192 ${scenarioPrice(o.scenario_price)}`)));
    }
  }
  $('whatif-result').replaceChildren(
    el('caption', {}, `${result.sims} paths each, common random numbers`),
    el('thead', {}, el('tr', {}, ...['Market', 'Outcome', 'Base', 'Scenario', 'Delta \u00B1 s.e.',
      'Independent s.e.', 'Price'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows));
}

// ---- Key and start-up -------------------------------------------------------------------------------------

async function detectTrader() {
  const first = app.events.keys().next().value;
  if (!first) return false;
  try {
    await api('GET', `/v1/events/${encodeURIComponent(first)}/exposure`);
    return true;
  } catch (error) {
    if (error.status === 403) return false;
    throw error;
  }
}

async function connect(key) {
  clearError();
  app.key = key;
  try {
    await loadEvents();
    app.trader = await detectTrader();
  } catch (error) {
    app.key = '';
    sessionStorage.removeItem(KEY_STORE);
    showError(error);
    setLive('Not connected', false);
    return;
  }
  if ($('remember-key').checked) sessionStorage.setItem(KEY_STORE, key);
  $('main').hidden = false;
  $('disconnect').hidden = false;
  $('api-key').value = '';
  setLive('Connecting to the live feed...', false);
  connectStream();
  clearInterval(app.poll);
  app.poll = setInterval(() => findNewEvents().catch(() => {}), 5000);
}

function disconnect() {
  app.key = '';
  clearInterval(app.poll);
  sessionStorage.removeItem(KEY_STORE);
  if (app.socket) {
    const socket = app.socket;
    app.socket = null;
    socket.close();
  }
  app.current = null;
  $('main').hidden = true;
  $('event').hidden = true;
  $('trader').hidden = true;
  $('disconnect').hidden = true;
  setLive('Not connected', false);
  $('api-key').focus();
}

function toggleFormat() {
  app.american = !app.american;
  $('odds-format').setAttribute('aria-pressed', String(app.american));
  $('odds-format').textContent = app.american ? 'Decimal odds' : 'American odds';
  renderEvents();
  if (app.current && app.detail) renderDetail(app.events.get(app.current).event);
}

document.addEventListener('DOMContentLoaded', () => {
  $('key-form').addEventListener('submit', (submit) => {
    submit.preventDefault();
    const key = $('api-key').value.trim();
    if (key) connect(key);
  });
  $('disconnect').addEventListener('click', disconnect);
  $('odds-format').addEventListener('click', toggleFormat);
  $('state-form').addEventListener('submit', postState);
  $('whatif-form').addEventListener('submit', runWhatIf);
  $('whatif-change').addEventListener('input', () => { $('whatif-change').dataset.edited = 'yes'; });
  const kept = sessionStorage.getItem(KEY_STORE);
  if (kept) {
    $('remember-key').checked = true;
    connect(kept);
  }
});
