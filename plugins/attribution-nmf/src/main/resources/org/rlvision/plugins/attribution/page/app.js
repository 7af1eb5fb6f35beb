/*
 * RL Vision Workbench: the trajectory interface of Hilton et al., "Understanding RL Vision" (2020).
 * Plain JavaScript and canvas; no network. index.js calls RLV.defineIndex(data); each traj-N.js,
 * loaded on demand with a <script> element (which works from file://), calls
 * RLV.defineTrajectory(N, data). Binary arrays arrive as base64 of a zlib stream and are inflated
 * with the browser's DecompressionStream: frames [T,H,W,3] uint8 RGB, and positive/negative
 * attribution maps [T,k,h,w] uint8 (value = q / 255 * scale.clip).
 */
(function () {
  'use strict';

  const RLV = window.RLV = window.RLV || {};
  const S = RLV.state = {
    traj: -1, step: 0, mode: 'both', isolate: -1, gain: 1, playing: null,
    // the timeline shows `window` steps from `winStart` (0: every step), as the article's 256
    window: 256, winStart: 0, dragging: false, popup: -1,
  };
  const WINDOW = 256;
  const FPS = 12;
  const VIEW = 256;
  const GUTTER = 84;
  const PAD_RIGHT = 10;
  const TOP = 30;
  const BOTTOM = 18;
  const GAP = 6;
  const ROWS = [
    { key: 'strip', label: 'frames', h: 36 },
    { key: 'reward', label: 'reward', h: 14 },
    { key: 'value', label: 'value', h: 52 },
    { key: 'advantage', label: 'advantage', h: 52 },
    { key: 'policy', label: 'policy', h: 40 },
    { key: 'action', label: 'action', h: 10 },
    { key: 'factors', label: 'factor totals', h: 92 },
  ];

  const loaded = [];
  const loading = [];
  const resolvers = [];
  let meta = null;
  let assets = '.';
  let rgb = [];
  let actionColours = [];
  let frameCanvas = null;
  let frameImage = null;
  let gridCanvas = null;
  let gridImage = null;
  let timelineCache = null;
  let timelineKey = '';
  let rowTop = {};
  let policyBars = [];
  let policyRows = [];
  let legendNow = [];

  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const fmt = (v, digits) => {
    if (v === 0) return '0';
    const a = Math.abs(v);
    if (a >= 1000 || a < 0.001) return v.toExponential(2);
    return v.toFixed(digits === undefined ? 3 : digits);
  };
  const signed = (v) => (v > 0 ? '+' : v < 0 ? '−' : '') + fmt(Math.abs(v));

  RLV.defineIndex = function (data) {
    meta = RLV.meta = data;
    const start = () => init().catch(fail);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  };

  RLV.defineTrajectory = function (i, raw) {
    if (resolvers[i]) resolvers[i](raw);
  };

  function fail(e) {
    const m = $('message');
    m.textContent = String(e && e.message ? e.message : e);
    m.className = 'message error';
    RLV.error = m.textContent;
  }

  function say(text) {
    const m = $('message');
    m.textContent = text;
    m.className = text ? 'message' : 'message empty';
  }

  // ---- data ---------------------------------------------------------------------------------

  function base64Bytes(s) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(s);
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  async function inflate(s) {
    const stream = new Blob([base64Bytes(s)]).stream().pipeThrough(new DecompressionStream('deflate'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  function load(i) {
    if (!loading[i]) {
      loading[i] = new Promise((resolve, reject) => {
        resolvers[i] = resolve;
        const s = document.createElement('script');
        s.src = assets + '/' + meta.trajectories[i].file;
        s.onerror = () => reject(new Error('could not read ' + s.src
          + '; keep the assets folder next to the page when copying it'));
        s.onload = () => s.remove();
        document.head.appendChild(s);
      }).then(decode).then((t) => {
        loaded[i] = t;
        resolvers[i] = null;
        const li = $('trajectories').children[i];
        if (li) li.classList.add('loaded');
        return t;
      });
    }
    return loading[i];
  }

  async function decode(raw) {
    const k = meta.factors.length;
    const cells = meta.layerHeight * meta.layerWidth;
    const T = raw.length;
    const A = meta.actionNames.length;
    const [frames, positive, negative] = await Promise.all(
      [inflate(raw.frames), inflate(raw.positive), inflate(raw.negative)]);
    const expect = (name, arr, n) => {
      if (arr.length !== n) throw new Error('trajectory ' + raw.index + ': ' + name + ' has '
        + arr.length + ' values, expected ' + n + '; rewrite the page');
    };
    expect('frames', frames, T * raw.height * raw.width * 3);
    expect('positive', positive, T * k * cells);
    expect('negative', negative, T * k * cells);
    const probs = new Float32Array(T * A);
    for (let t = 0; t < T; t++) {
      let m = -Infinity;
      for (let a = 0; a < A; a++) m = Math.max(m, raw.logits[t * A + a]);
      let z = 0;
      for (let a = 0; a < A; a++) z += (probs[t * A + a] = Math.exp(raw.logits[t * A + a] - m));
      for (let a = 0; a < A; a++) probs[t * A + a] /= z;
    }
    const episodes = [];
    const episodeOf = new Int32Array(T);
    for (let t = 0; t < T; t++) {
      if (t === 0 || raw.first[t]) episodes.push({ start: t, end: t, seed: raw.levelSeeds[t], reward: 0 });
      const e = episodes[episodes.length - 1];
      e.end = t;
      e.reward += raw.rewards[t];
      episodeOf[t] = episodes.length - 1;
    }
    let totalMax = 0;
    for (const arr of [raw.positiveTotals, raw.negativeTotals]) for (const v of arr) totalMax = Math.max(totalMax, v);
    const t = {
      index: raw.index, env: raw.env, length: T, height: raw.height, width: raw.width,
      levelSeeds: raw.levelSeeds, first: raw.first, rewards: raw.rewards, values: raw.values,
      advantages: raw.advantages, actions: raw.actions, probs, frames, positive, negative,
      positiveTotals: raw.positiveTotals, negativeTotals: raw.negativeTotals, totalMax,
      episodes, episodeOf,
    };
    t.strip = buildStrip(t);
    return t;
  }

  /** The scrubber's film strip, after rl_clarity: columns x in [42/64, 44/64) of every frame, side by side. */
  function buildStrip(t) {
    const W = t.width, H = t.height, T = t.length;
    const x0 = Math.round(W * 42 / 64), cols = Math.max(1, Math.round(W * 2 / 64));
    const c = document.createElement('canvas');
    c.width = Math.max(1, T * cols);
    c.height = H;
    if (T === 0) return c;
    const ctx = c.getContext('2d');
    const img = ctx.createImageData(c.width, H);
    for (let s = 0; s < T; s++) {
      for (let y = 0; y < H; y++) {
        for (let j = 0; j < cols; j++) {
          const src = ((s * H + y) * W + x0 + j) * 3;
          const dst = (y * c.width + s * cols + j) * 4;
          img.data[dst] = t.frames[src];
          img.data[dst + 1] = t.frames[src + 1];
          img.data[dst + 2] = t.frames[src + 2];
          img.data[dst + 3] = 255;
        }
      }
    }
    ctx.putImageData(img, 0, 0);
    return c;
  }

  // ---- set-up -------------------------------------------------------------------------------

  async function init() {
    assets = document.body.dataset.assets || '.';
    if (typeof DecompressionStream !== 'function') {
      throw new Error('this browser has no DecompressionStream; open the page in a current Chrome, Firefox or Safari');
    }
    rgb = meta.factors.map((f) => [1, 3, 5].map((o) => parseInt(f.color.substr(o, 2), 16)));
    actionColours = meta.actionNames.map(actionColour);
    const k = meta.factors.length;
    const T0 = meta.trajectories.length ? meta.trajectories[0].length : 0;
    $('subtitle').textContent = 'layer ' + meta.layer + ' · attribution of ' + meta.output + ' · ' + k
      + ' factor' + (k === 1 ? '' : 's') + ' · ' + meta.trajectories.length + ' trajector'
      + (meta.trajectories.length === 1 ? 'y' : 'ies') + (T0 ? ' × ' + T0 + ' steps' : '');
    document.querySelectorAll('.output-name').forEach((e) => { e.textContent = meta.output; });
    $('scale-note').textContent = 'full brightness at ' + fmt(meta.scale.normaliser / S.gain)
      + ' (median per-frame max ÷ gain)';

    frameCanvas = document.createElement('canvas');
    gridCanvas = document.createElement('canvas');
    gridCanvas.width = meta.layerWidth;
    gridCanvas.height = meta.layerHeight;
    gridImage = gridCanvas.getContext('2d').createImageData(meta.layerWidth, meta.layerHeight);
    const dpr = window.devicePixelRatio || 1;
    for (const id of ['observation', 'positive', 'negative']) {
      $(id).width = Math.round(VIEW * dpr);
      $(id).height = Math.round(VIEW * dpr);
    }

    buildTrajectoryList();
    buildBookmarks();
    buildLegend();
    buildPolicy();
    buildActionKey();
    buildProvenance();
    bindControls();
    setMode(S.mode);

    if (!meta.trajectories.length) {
      say('this page has no trajectories');
      document.body.dataset.ready = 'true';
      return;
    }
    await go(0, 0);
    RLV.readyMs = performance.now();
    document.body.dataset.ready = 'true';
    say('');
    preloadRest();
  }

  async function preloadRest() {
    for (let i = 0; i < meta.trajectories.length; i++) {
      try {
        await load(i);
      } catch (e) {
        fail(e);
        return;
      }
    }
    RLV.allLoadedMs = performance.now();
    document.body.dataset.allLoaded = 'true';
  }

  function actionColour(name) {
    const n = name.toUpperCase();
    const light = n.includes('+UP') ? 66 : n.includes('+DOWN') ? 34 : 50;
    if (n.startsWith('LEFT')) return 'hsl(212, 70%, ' + light + '%)';
    if (n.startsWith('RIGHT')) return 'hsl(24, 85%, ' + light + '%)';
    if (n === 'UP') return 'hsl(135, 55%, 45%)';
    if (n === 'DOWN') return 'hsl(280, 50%, 50%)';
    if (n === 'NOOP' || n === '()' || n === 'NONE') return 'hsl(0, 0%, 55%)';
    return 'hsl(0, 0%, 80%)';
  }

  function buildTrajectoryList() {
    const ol = $('trajectories');
    meta.trajectories.forEach((t, i) => {
      const li = el('li');
      li.dataset.index = i;
      li.append(el('div', 'name', 'trajectory ' + (i + 1) + ' · env ' + t.env));
      li.append(el('div', 'meta', t.length + ' steps · ' + t.episodes + ' episode' + (t.episodes === 1 ? '' : 's')
        + ' · reward ' + fmt(t.totalReward, 0)));
      li.addEventListener('click', () => go(i, 0).catch(fail));
      ol.append(li);
    });
  }

  function buildBookmarks() {
    for (const [id, list] of [['bookmarks-largest', meta.bookmarks.largest], ['bookmarks-smallest', meta.bookmarks.smallest]]) {
      const ol = $(id);
      for (const b of list) {
        const li = el('li');
        li.dataset.trajectory = b.trajectory;
        li.dataset.step = b.step;
        li.title = 'trajectory ' + (b.trajectory + 1) + ', episode ' + (b.episode + 1) + ', step ' + b.step;
        li.append(document.createTextNode((b.trajectory + 1) + ':' + b.step + ' '));
        li.append(el('span', b.advantage >= 0 ? 'adv-pos' : 'adv-neg', (b.advantage < 0 ? '−' : '+') + Math.abs(b.advantage).toFixed(2)));
        li.addEventListener('click', () => go(b.trajectory, b.step).catch(fail));
        ol.append(li);
      }
      if (!list.length) ol.append(el('li', 'muted', 'none'));
    }
  }

  function buildLegend() {
    const ol = $('legend');
    meta.factors.forEach((f, i) => {
      const li = el('li');
      li.dataset.index = i;
      const sw = el('span', 'swatch');
      sw.style.background = f.color;
      li.append(sw);
      const open = (e) => {
        e.stopPropagation();
        openPopup(i);
      };
      if (f.thumbnail) {
        const img = el('img', 'thumb');
        img.src = f.thumbnail;
        img.alt = 'dataset examples of factor nmf:' + i;
        img.title = 'dataset examples of ' + f.label + ': click to enlarge';
        img.addEventListener('click', open);
        li.append(img);
      } else {
        li.append(el('span', 'noimg'));
      }
      const text = el('div');
      const label = el('div', 'label');
      if (i < 9) label.append(el('span', 'key', String(i + 1)));
      label.append(el('span', 'name', f.label));
      text.append(label);
      const more = el('button', 'examples-button', '⤢');
      more.setAttribute('aria-label', 'dataset examples');
      more.type = 'button';
      more.title = 'show the ' + f.examples.length + ' dataset examples of ' + f.label;
      more.addEventListener('click', open);
      label.append(more);
      const fitLine = el('div', 'iou', fit(f));
      fitLine.title = ('lift' in f ? 'lift: how much denser the factor\'s attribution is on the cells touching "' + f.label
        + '" than on the others (1× = chance). ' : '') + 'IoU: overlap of its strongest cells with the "' + f.label
        + '" pixels (network dissection).';
      text.append(fitLine);
      const now = el('div', 'now');
      text.append(now);
      legendNow.push(now);
      li.append(text);
      li.title = f.label + ' (' + fit(f) + '), ' + f.examples.length + ' dataset examples';
      li.addEventListener('click', () => isolate(i));
      ol.append(li);
    });
  }

  function buildPolicy() {
    const box = $('policy');
    meta.actionNames.forEach((name, a) => {
      const row = el('div', 'row');
      row.append(el('span', null, name));
      const bar = el('div', 'bar');
      const fill = el('span');
      fill.style.background = actionColours[a];
      bar.append(fill);
      row.append(bar);
      const num = el('span', 'num', '');
      row.append(num);
      box.append(row);
      policyRows.push(row);
      policyBars.push([fill, num]);
    });
  }

  function buildActionKey() {
    const groups = new Map();
    meta.actionNames.forEach((n, a) => {
      const c = actionColours[a];
      groups.set(c, (groups.has(c) ? groups.get(c) + ' ' : '') + n);
    });
    const box = $('action-key');
    box.append(el('span', null, 'policy colours:'));
    for (const [c, names] of groups) {
      const s = el('span');
      const sw = el('i');
      sw.style.background = c;
      s.append(sw, document.createTextNode(names));
      box.append(s);
    }
  }

  function buildProvenance() {
    const table = $('provenance');
    const entries = Object.entries(meta.provenance || {}).sort((a, b) => a[0].localeCompare(b[0]));
    entries.push(['page', 'attribution maps stored as uint8 up to ' + fmt(meta.scale.clip)
      + ' (4 × the median per-frame max ' + fmt(meta.scale.normaliser) + '); bookmarks: top/bottom '
      + meta.bookmarks.largest.length + ' GAE advantages, ≤ 1 per episode']);
    for (const [key, v] of entries) {
      const tr = el('tr');
      tr.append(el('th', null, key));
      tr.append(el('td', null, typeof v === 'string' ? v : JSON.stringify(v, null, 1)));
      table.append(tr);
    }
  }

  function bindControls() {
    document.querySelectorAll('[data-mode]').forEach((b) => b.addEventListener('click', () => setMode(b.dataset.mode)));
    const gain = $('gain');
    gain.addEventListener('input', () => {
      S.gain = Math.pow(2, Number(gain.value));
      $('gain-value').textContent = Number(S.gain.toPrecision(3)) + '×';
      $('scale-note').textContent = 'full brightness at ' + fmt(meta.scale.normaliser / S.gain)
        + ' (median per-frame max ÷ gain)';
      render();
    });
    gain.addEventListener('change', () => gain.blur());
    $('play').addEventListener('click', togglePlay);
    $('window').addEventListener('click', toggleWindow);
    $('popup').addEventListener('click', (e) => { if (e.target === $('popup')) closePopup(); });
    $('popup-close').addEventListener('click', closePopup);
    const tl = $('timeline');
    const scrub = (e) => {
      const t = loaded[S.traj];
      if (!t || !t.length) return;
      setStep(stepAt(t, e.clientX));
    };
    tl.addEventListener('pointerdown', (e) => {
      tl.setPointerCapture(e.pointerId);
      S.dragging = true;
      scrub(e);
    });
    const release = () => { S.dragging = false; };
    tl.addEventListener('pointerup', release);
    tl.addEventListener('pointercancel', release);
    tl.addEventListener('pointermove', (e) => {
      if (e.buttons & 1) scrub(e);
      hover(e);
    });
    tl.addEventListener('pointerleave', () => { $('hover').textContent = ''; });
    document.addEventListener('keydown', onKey);
    // a clicked button gives the keyboard back to the page, so space plays instead of clicking it again
    document.addEventListener('click', (e) => {
      const b = e.target.closest && e.target.closest('button');
      if (b) b.blur();
    });
    window.addEventListener('resize', () => {
      timelineKey = '';
      render();
    });
  }

  function hover(e) {
    const t = loaded[S.traj];
    if (!t || !t.length) return;
    const r = $('timeline').getBoundingClientRect();
    const w = windowOf(t);
    const u = Math.floor((e.clientX - r.left - GUTTER) / (r.width - GUTTER - PAD_RIGHT) * w.n);
    const s = w.start + u;
    if (u < 0 || u >= w.n) {
      $('hover').textContent = '';
      return;
    }
    $('hover').textContent = 'step ' + s + ' · value ' + fmt(t.values[s]) + ' · advantage ' + signed(t.advantages[s])
      + ' · ' + meta.actionNames[t.actions[s]] + (t.rewards[s] ? ' · reward ' + fmt(t.rewards[s]) : '');
  }

  /**
   * The timeline's visible steps: {start, n}, n = min(T, window) steps from start (every step when
   * the window is off).
   */
  function windowOf(t) {
    const n = S.window > 0 ? Math.min(t.length, S.window) : t.length;
    return { start: Math.max(0, Math.min(t.length - n, S.winStart)), n };
  }

  /** The step under a pointer at clientX (clamped to the trajectory). */
  function stepAt(t, clientX) {
    const r = $('timeline').getBoundingClientRect();
    const w = windowOf(t);
    const s = w.start + Math.floor((clientX - r.left - GUTTER) / (r.width - GUTTER - PAD_RIGHT) * w.n);
    return Math.max(0, Math.min(t.length - 1, s));
  }

  /** Scrolls the window so that the cursor stays at least an eighth of it away from its edges. */
  function follow(t) {
    const w = windowOf(t);
    const m = Math.floor(w.n / 8);
    let start = w.start;
    if (S.step < start + m) start = S.step - m;
    else if (S.step > start + w.n - 1 - m) start = S.step - (w.n - 1 - m);
    S.winStart = Math.max(0, Math.min(t.length - w.n, start));
  }

  function centreWindow(t) {
    const w = windowOf(t);
    S.winStart = Math.max(0, Math.min(t.length - w.n, S.step - Math.floor(w.n / 2)));
  }

  /** Sets the window to n steps (0: every step), centred on the cursor. */
  function setWindow(n) {
    S.window = Math.max(0, Math.floor(n));
    const b = $('window');
    b.textContent = S.window > 0 ? 'window ' + S.window : 'all steps';
    b.classList.toggle('on', S.window > 0);
    const t = loaded[S.traj];
    if (t) centreWindow(t);
    timelineKey = '';
    render();
  }

  function toggleWindow() {
    setWindow(S.window > 0 ? 0 : WINDOW);
  }

  // ---- the factor popup ---------------------------------------------------------------------

  /** Where the run's episode `episode`, step `step` lies in the displayed trajectories, or null. */
  function locate(episode, step) {
    for (const tr of meta.trajectories) {
      for (const [e, start, steps] of tr.runEpisodes || []) {
        if (e === episode && step >= 0 && step < steps) return { trajectory: tr.index, step: start + step };
      }
    }
    return null;
  }

  /** A lift as '8.3×'; null stands for infinity (the factor is zero away from the class). */
  function liftText(v) {
    return v === null ? '∞×' : Number(v).toFixed(1) + '×';
  }

  /** 'lift 8.3× · IoU 0.01' for a factor labelled by lift, 'IoU 0.43' for one labelled by IoU (older reports). */
  function fit(f) {
    const iou = 'IoU ' + Number(f.iou).toFixed(2);
    return 'lift' in f ? 'lift ' + liftText(f.lift) + ' · ' + iou : iou;
  }

  /**
   * ' (next: enemy 8.0×, crate 6.1×)': the two classes after the label by the measure that chose it,
   * liftByClass when the report has it, else iouByClass.
   */
  function runnersUp(factor) {
    const byLift = 'liftByClass' in factor;
    const score = (byLift ? factor.liftByClass : factor.iouByClass) || {};
    const value = (c) => (score[c] === null ? Infinity : score[c]);
    const next = Object.keys(score).filter((c) => c !== factor.label)
      .sort((a, b) => value(b) - value(a)).slice(0, 2);
    const text = (c) => c + ' ' + (byLift ? liftText(score[c]) : Number(score[c]).toFixed(2));
    return next.length ? ' (next: ' + next.map(text).join(', ') + ')' : '';
  }

  function openPopup(f) {
    const factor = meta.factors[f];
    S.popup = f;
    stopPlay();
    const box = $('popup');
    $('popup-swatch').style.background = factor.color;
    // the factor's name in factors.json and for circuit-edit (--edit project:L:nmf:K), not its key
    $('popup-title').textContent = 'nmf:' + f + ' · ' + factor.label;
    $('popup-iou').textContent = ('lift' in factor
      ? 'lift ' + liftText(factor.lift) + ' on the cells touching "' + factor.label + '"' + runnersUp(factor)
        + ' · IoU ' + Number(factor.iou).toFixed(2) + ' with its pixels'
      : 'IoU ' + Number(factor.iou).toFixed(2) + ' with the "' + factor.label + '" pixels' + runnersUp(factor))
      + ' · ' + factor.examples.length + ' dataset example' + (factor.examples.length === 1 ? '' : 's') + ', strongest first';
    const img = $('popup-grid');
    img.hidden = !factor.thumbnail;
    if (factor.thumbnail) img.src = factor.thumbnail;
    const body = $('popup-examples');
    body.textContent = '';
    const known = meta.trajectories.some((t) => t.runEpisodes);
    factor.examples.forEach(([episode, step, y, x, value], n) => {
      const tr = el('tr');
      const at = locate(episode, step);
      tr.append(el('td', 'num', String(n + 1)), el('td', 'num', String(episode)), el('td', 'num', String(step)),
        el('td', 'num', y + ', ' + x), el('td', 'num', fmt(value)));
      if (at) {
        tr.className = 'linked';
        tr.dataset.trajectory = at.trajectory;
        tr.dataset.step = at.step;
        tr.title = 'show trajectory ' + (at.trajectory + 1) + ' at step ' + at.step;
        tr.append(el('td', null, 'trajectory ' + (at.trajectory + 1) + ', step ' + at.step + ' →'));
        tr.addEventListener('click', () => {
          closePopup();
          go(at.trajectory, at.step).catch(fail);
        });
      } else {
        tr.append(el('td', 'muted', known ? 'not in the trajectories' : '–'));
      }
      tr.addEventListener('mouseenter', () => markPatch(n));
      tr.addEventListener('mouseleave', () => markPatch(-1));
      body.append(tr);
    });
    if (!factor.examples.length) {
      const tr = el('tr');
      const td = el('td', 'muted', 'this factor has no dataset examples');
      td.colSpan = 6;
      tr.append(td);
      body.append(tr);
    }
    $('popup-note').textContent = known ? 'click a linked example to show it in its trajectory'
      : 'this page does not know which run episodes the trajectories show, so examples cannot be linked';
    markPatch(-1);
    box.hidden = false;
    box.dataset.factor = f;
    $('popup-close').focus();
  }

  /** Outlines example n's patch in the enlarged 4×4 grid (strongest first, row by row); -1 for none. */
  function markPatch(n) {
    const m = $('popup-mark');
    m.hidden = n < 0 || n >= 16;
    if (m.hidden) return;
    m.style.left = (n % 4) * 25 + '%';
    m.style.top = Math.floor(n / 4) * 25 + '%';
  }

  function closePopup() {
    S.popup = -1;
    $('popup').hidden = true;
    delete $('popup').dataset.factor;
  }

  function onKey(e) {
    if (e.target && (e.target.tagName === 'INPUT' || e.target.tagName === 'TEXTAREA')) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (S.popup >= 0) {
      if (e.key === 'Escape') {
        closePopup();
        e.preventDefault();
      }
      return;
    }
    const t = loaded[S.traj];
    let handled = true;
    switch (e.key) {
      case 'ArrowRight': setStep(S.step + (e.shiftKey ? 10 : 1)); break;
      case 'ArrowLeft': setStep(S.step - (e.shiftKey ? 10 : 1)); break;
      case 'ArrowDown': case ']': switchTrajectory(1); break;
      case 'ArrowUp': case '[': switchTrajectory(-1); break;
      case 'Home': setStep(0); break;
      case 'End': if (t) setStep(t.length - 1); break;
      case ' ': togglePlay(); break;
      case 'p': setMode('positive'); break;
      case 'n': setMode('negative'); break;
      case 'b': setMode('both'); break;
      case '0': isolate(-1); break;
      case 'z': toggleWindow(); break;
      default:
        if (/^[1-9]$/.test(e.key) && Number(e.key) <= meta.factors.length) isolate(Number(e.key) - 1);
        else handled = false;
    }
    if (handled) e.preventDefault();
  }

  // ---- state changes ------------------------------------------------------------------------

  async function go(traj, step) {
    if (traj < 0 || traj >= meta.trajectories.length) return;
    const changing = traj !== S.traj;
    S.traj = traj;
    if (changing) {
      stopPlay();
      markTrajectory();
      if (!loaded[traj]) say('loading trajectory ' + (traj + 1) + '…');
    }
    const t = await load(traj);
    if (S.traj !== traj) return;
    say('');
    S.step = Math.max(0, Math.min(t.length - 1, step));
    // a jump to a step out of view (or to another trajectory) puts it in the middle of the window
    const w = windowOf(t);
    if (changing || S.step < w.start || S.step >= w.start + w.n) centreWindow(t);
    timelineKey = '';
    render();
  }

  function switchTrajectory(delta) {
    const n = meta.trajectories.length;
    if (!n) return;
    const next = Math.max(0, Math.min(n - 1, S.traj + delta));
    if (next !== S.traj) go(next, 0).catch(fail);
  }

  function setStep(step) {
    const t = loaded[S.traj];
    if (!t) return;
    const s = Math.max(0, Math.min(t.length - 1, step));
    if (s === S.step) return;
    S.step = s;
    render();
  }

  function setMode(mode) {
    S.mode = mode;
    document.querySelectorAll('[data-mode]').forEach((b) => b.classList.toggle('on', b.dataset.mode === mode));
    $('view-positive').classList.toggle('hidden', mode === 'negative');
    $('view-negative').classList.toggle('hidden', mode === 'positive');
    render();
  }

  function isolate(f) {
    S.isolate = f === S.isolate || f < 0 ? -1 : f;
    document.querySelectorAll('#legend li').forEach((li, i) => {
      li.classList.toggle('isolated', S.isolate === i);
      li.classList.toggle('dimmed', S.isolate >= 0 && S.isolate !== i);
    });
    timelineKey = '';
    render();
  }

  function togglePlay() {
    if (S.playing) {
      stopPlay();
      return;
    }
    const t = loaded[S.traj];
    if (!t) return;
    if (S.step >= t.length - 1) S.step = 0;
    S.playing = setInterval(() => {
      const cur = loaded[S.traj];
      if (!cur || S.step >= cur.length - 1) {
        stopPlay();
        return;
      }
      S.step++;
      render();
    }, 1000 / FPS);
    $('play').textContent = '❚❚ pause';
    $('play').classList.add('on');
  }

  function stopPlay() {
    if (S.playing) clearInterval(S.playing);
    S.playing = null;
    $('play').textContent = '▶ play';
    $('play').classList.remove('on');
  }

  function markTrajectory() {
    document.querySelectorAll('#trajectories li').forEach((li, i) => li.classList.toggle('active', i === S.traj));
  }

  // ---- drawing ------------------------------------------------------------------------------

  /** Draws the current step everywhere; returns the milliseconds it took. */
  function render() {
    const t0 = performance.now();
    const t = loaded[S.traj];
    if (!t || !t.length) return 0;
    if (!S.dragging) follow(t);
    paintFrame(t, S.step);
    drawObservation($('observation'));
    if (S.mode !== 'negative') drawAttribution($('positive'), t, t.positive);
    if (S.mode !== 'positive') drawAttribution($('negative'), t, t.negative);
    drawTimeline(t);
    updateInfo(t);
    RLV.lastRenderMs = performance.now() - t0;
    return RLV.lastRenderMs;
  }

  function paintFrame(t, step) {
    if (frameCanvas.width !== t.width || frameCanvas.height !== t.height) {
      frameCanvas.width = t.width;
      frameCanvas.height = t.height;
      frameImage = null;
    }
    const ctx = frameCanvas.getContext('2d');
    if (!frameImage) frameImage = ctx.createImageData(t.width, t.height);
    const d = frameImage.data;
    const n = t.width * t.height;
    const src = t.frames;
    let o = step * n * 3;
    for (let p = 0, q = 0; p < n; p++, q += 4, o += 3) {
      d[q] = src[o];
      d[q + 1] = src[o + 1];
      d[q + 2] = src[o + 2];
      d[q + 3] = 255;
    }
    ctx.putImageData(frameImage, 0, 0);
  }

  function drawObservation(canvas) {
    const ctx = canvas.getContext('2d');
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(frameCanvas, 0, 0, canvas.width, canvas.height);
  }

  /**
   * The observation, dimmed and grey, under the factors' attribution: per layer cell, brightness
   * b_f = min(1, q_f / 255 * clip / normaliser * gain) per factor; the colour is the b-weighted
   * mean of the factors' colours and the opacity the largest b. Upsampled smoothly and blurred.
   */
  function drawAttribution(canvas, t, maps) {
    const k = meta.factors.length;
    const cells = meta.layerWidth * meta.layerHeight;
    const base = S.step * k * cells;
    const boost = meta.scale.clip / meta.scale.normaliser * S.gain / 255;
    const d = gridImage.data;
    for (let p = 0, q = 0; p < cells; p++, q += 4) {
      let r = 0, g = 0, b = 0, w = 0, a = 0;
      for (let f = 0; f < k; f++) {
        if (S.isolate >= 0 && f !== S.isolate) continue;
        const v = maps[base + f * cells + p];
        if (v === 0) continue;
        const br = Math.min(1, v * boost);
        const c = rgb[f];
        r += c[0] * br;
        g += c[1] * br;
        b += c[2] * br;
        w += br;
        if (br > a) a = br;
      }
      if (w > 0) {
        d[q] = r / w;
        d[q + 1] = g / w;
        d[q + 2] = b / w;
        d[q + 3] = a * 255;
      } else {
        d[q] = d[q + 1] = d[q + 2] = d[q + 3] = 0;
      }
    }
    gridCanvas.getContext('2d').putImageData(gridImage, 0, 0);
    const ctx = canvas.getContext('2d');
    const W = canvas.width, H = canvas.height;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, W, H);
    ctx.imageSmoothingEnabled = false;
    ctx.globalAlpha = 0.45;
    ctx.filter = 'grayscale(1)';
    ctx.drawImage(frameCanvas, 0, 0, W, H);
    ctx.globalAlpha = 1;
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    // the article blurs with a 15×15 exp(−distance) disc at 64 px; a Gaussian of about one observation pixel is close
    ctx.filter = 'blur(' + (W / 64).toFixed(1) + 'px)';
    ctx.drawImage(gridCanvas, 0, 0, W, H);
    ctx.filter = 'none';
  }

  function updateInfo(t) {
    const s = S.step;
    const e = t.episodes[t.episodeOf[s]];
    const A = meta.actionNames.length;
    $('step-label').textContent = 'step ' + s + ' of ' + t.length;
    const rows = [
      ['trajectory', (t.index + 1) + ' (env ' + t.env + ')'],
      ['episode', (t.episodeOf[s] + 1) + ' of ' + t.episodes.length + ', steps ' + e.start + '–' + e.end],
      ['level seed', String(t.levelSeeds[s])],
      ['reward', fmt(t.rewards[s])],
      ['value', fmt(t.values[s])],
      ['advantage', signed(t.advantages[s])],
      ['action', meta.actionNames[t.actions[s]]],
    ];
    const box = $('step-table');
    if (box.children.length !== rows.length * 2) {
      box.textContent = '';
      for (const r of rows) box.append(el('span', 'k', r[0]), el('span', 'v'));
    }
    rows.forEach((r, i) => { box.children[2 * i + 1].textContent = r[1]; });
    for (let a = 0; a < A; a++) {
      const p = t.probs[s * A + a];
      policyBars[a][0].style.width = (100 * p).toFixed(1) + '%';
      policyBars[a][1].textContent = (100 * p).toFixed(1) + '%';
      policyRows[a].classList.toggle('chosen', a === t.actions[s]);
    }
    const k = meta.factors.length;
    for (let f = 0; f < k; f++) {
      legendNow[f].innerHTML = '';
      legendNow[f].append(el('span', 'p', '+' + fmt(t.positiveTotals[s * k + f])), document.createTextNode(' / '),
        el('span', 'n', '−' + fmt(t.negativeTotals[s * k + f])));
    }
    document.querySelectorAll('.bookmarks li[data-step]').forEach((li) => li.classList.toggle('active',
      Number(li.dataset.trajectory) === S.traj && Number(li.dataset.step) === s));
  }

  function drawTimeline(t) {
    const canvas = $('timeline');
    const dpr = window.devicePixelRatio || 1;
    const cssW = Math.max(300, canvas.clientWidth || canvas.parentElement.clientWidth);
    const cssH = TOP + BOTTOM + ROWS.reduce((a, r) => a + r.h + GAP, 0);
    const w = windowOf(t);
    canvas.dataset.windowStart = w.start;
    canvas.dataset.windowSteps = w.n;
    const key = [S.traj, S.isolate, cssW, cssH, dpr, w.start, w.n].join(',');
    if (key !== timelineKey || !timelineCache) {
      canvas.width = Math.round(cssW * dpr);
      canvas.height = Math.round(cssH * dpr);
      canvas.style.height = cssH + 'px';
      timelineCache = document.createElement('canvas');
      timelineCache.width = canvas.width;
      timelineCache.height = canvas.height;
      const ctx = timelineCache.getContext('2d');
      ctx.scale(dpr, dpr);
      drawTimelineStatic(ctx, t, cssW, w);
      timelineKey = key;
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(timelineCache, 0, 0);
    ctx.scale(dpr, dpr);
    const plot = cssW - GUTTER - PAD_RIGHT;
    const dx = plot / w.n;
    const x = GUTTER + (S.step - w.start + 0.5) * dx;
    ctx.fillStyle = 'rgba(31, 111, 235, 0.12)';
    ctx.fillRect(GUTTER + (S.step - w.start) * dx, TOP - 2, Math.max(1, dx), cssH - TOP - BOTTOM + 2);
    ctx.strokeStyle = '#1f6feb';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(x, TOP - 4);
    ctx.lineTo(x, cssH - BOTTOM + 2);
    ctx.stroke();
    ctx.font = '600 11px system-ui, sans-serif';
    const text = String(S.step);
    const tw = ctx.measureText(text).width + 8;
    const lx = Math.max(GUTTER, Math.min(cssW - PAD_RIGHT - tw, x - tw / 2));
    ctx.fillStyle = '#1f6feb';
    ctx.fillRect(lx, cssH - BOTTOM + 2, tw, 15);
    ctx.fillStyle = '#fff';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(text, lx + 4, cssH - BOTTOM + 4);
  }

  /**
   * Everything of the timeline but the cursor, for the window's steps w.start .. w.start + w.n − 1;
   * the value, advantage and factor scales are the whole trajectory's, so they hold while it scrolls.
   */
  function drawTimelineStatic(ctx, t, cssW, w) {
    const T = t.length;
    const A = meta.actionNames.length;
    const k = meta.factors.length;
    const plot = cssW - GUTTER - PAD_RIGHT;
    const dx = plot / w.n;
    const X = (s) => GUTTER + (s - w.start + 0.5) * dx;
    const L = (s) => GUTTER + (s - w.start) * dx;
    // steps drawn: the window and one step either side, so lines run to the edges (clipped there)
    const from = Math.max(0, w.start - 1);
    const to = Math.min(T, w.start + w.n + 1);
    let y = TOP;
    rowTop = {};
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    const label = (text, yy, h) => {
      ctx.fillStyle = '#1d2228';
      ctx.textAlign = 'right';
      ctx.fillText(text, GUTTER - 8, yy + h / 2);
    };
    const range = (hi, lo, yy, h) => {
      ctx.fillStyle = '#6a737d';
      ctx.textAlign = 'right';
      ctx.font = '9px system-ui, sans-serif';
      ctx.textBaseline = 'top';
      ctx.fillText(hi, GUTTER - 8, yy);
      ctx.textBaseline = 'bottom';
      ctx.fillText(lo, GUTTER - 8, yy + h);
      ctx.font = '11px system-ui, sans-serif';
      ctx.textBaseline = 'middle';
    };
    for (const row of ROWS) {
      rowTop[row.key] = y;
      const h = row.h;
      ctx.fillStyle = '#f7f8fa';
      ctx.fillRect(GUTTER, y, plot, h);
      ctx.save();
      ctx.beginPath();
      ctx.rect(GUTTER - 1, 0, plot + 2, 10000);
      ctx.clip();
      if (row.key === 'strip') {
        const cols = t.strip.width / Math.max(1, T);
        ctx.imageSmoothingEnabled = dx < cols;
        ctx.drawImage(t.strip, w.start * cols, 0, w.n * cols, t.strip.height, GUTTER, y, plot, h);
      } else if (row.key === 'reward') {
        for (let s = from; s < to; s++) {
          if (t.rewards[s] === 0) continue;
          ctx.fillStyle = t.rewards[s] > 0 ? '#d4a106' : '#cf222e';
          ctx.fillRect(X(s) - Math.max(1.5, dx / 2), y, Math.max(3, dx), h);
        }
      } else if (row.key === 'value') {
        let lo = 0, hi = 0;
        for (const v of t.values) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        if (hi === lo) hi = lo + 1;
        const Y = (v) => y + h - (v - lo) / (hi - lo) * h;
        if (lo < 0) { ctx.strokeStyle = '#c4cad1'; ctx.beginPath(); ctx.moveTo(GUTTER, Y(0)); ctx.lineTo(GUTTER + plot, Y(0)); ctx.stroke(); }
        line(ctx, from, to, X, (s) => Y(t.values[s]), '#1d2228', 1.3, t.first);
      } else if (row.key === 'advantage') {
        let m = 0;
        for (const v of t.advantages) m = Math.max(m, Math.abs(v));
        if (m === 0) m = 1;
        const mid = y + h / 2;
        ctx.strokeStyle = '#c4cad1';
        ctx.beginPath(); ctx.moveTo(GUTTER, mid); ctx.lineTo(GUTTER + plot, mid); ctx.stroke();
        for (let s = from; s < to; s++) {
          const v = t.advantages[s];
          const bh = v / m * h / 2;
          ctx.fillStyle = v >= 0 ? '#1a7f37' : '#cf222e';
          ctx.fillRect(L(s), bh >= 0 ? mid - bh : mid, Math.max(1, dx), Math.abs(bh));
        }
      } else if (row.key === 'policy') {
        for (let s = from; s < to; s++) {
          let yy = y;
          for (let a = 0; a < A; a++) {
            const ph = t.probs[s * A + a] * h;
            if (ph < 0.05) continue;
            ctx.fillStyle = actionColours[a];
            ctx.fillRect(L(s), yy, Math.max(1, dx + 0.3), ph);
            yy += ph;
          }
        }
      } else if (row.key === 'action') {
        for (let s = from; s < to; s++) {
          ctx.fillStyle = actionColours[t.actions[s]];
          ctx.fillRect(L(s), y, Math.max(1, dx + 0.3), h);
        }
      } else if (row.key === 'factors') {
        const m = t.totalMax || 1;
        const mid = y + h / 2;
        ctx.strokeStyle = '#c4cad1';
        ctx.beginPath(); ctx.moveTo(GUTTER, mid); ctx.lineTo(GUTTER + plot, mid); ctx.stroke();
        const order = [];
        for (let f = 0; f < k; f++) if (f !== S.isolate) order.push(f);
        if (S.isolate >= 0) order.push(S.isolate);
        for (const f of order) {
          const faded = S.isolate >= 0 && f !== S.isolate;
          const colour = faded ? 'rgba(150,150,150,0.35)' : meta.factors[f].color;
          const width = S.isolate === f ? 2 : 1.2;
          line(ctx, from, to, X, (s) => mid - t.positiveTotals[s * k + f] / m * h / 2, colour, width, null);
          line(ctx, from, to, X, (s) => mid + t.negativeTotals[s * k + f] / m * h / 2, colour, width, null);
        }
      }
      ctx.restore();
      // the gutter's labels and scales, outside the clip
      if (row.key === 'value') {
        let lo = 0, hi = 0;
        for (const v of t.values) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        if (hi === lo) hi = lo + 1;
        label(row.label, y, h - 12);
        range(fmt(hi, 2), fmt(lo, 2), y, h);
      } else if (row.key === 'advantage') {
        let m = 0;
        for (const v of t.advantages) m = Math.max(m, Math.abs(v));
        if (m === 0) m = 1;
        label(row.label, y, h - 12);
        range('+' + fmt(m, 2), '−' + fmt(m, 2), y, h);
      } else if (row.key === 'factors') {
        const m = t.totalMax || 1;
        const mid = y + h / 2;
        label('factor totals', y + h / 2 - 30, 12);
        ctx.fillStyle = '#6a737d';
        ctx.font = '9px system-ui, sans-serif';
        ctx.textAlign = 'right';
        ctx.fillText('positive ↑', GUTTER - 8, mid - 8);
        ctx.fillText('negative ↓', GUTTER - 8, mid + 8);
        ctx.font = '11px system-ui, sans-serif';
        range('+' + fmt(m, 2), '−' + fmt(m, 2), y, h);
      } else {
        label(row.label, y, h);
      }
      y += h + GAP;
    }
    // episode boundaries and their level seeds
    ctx.setLineDash([3, 3]);
    ctx.strokeStyle = '#6a737d';
    ctx.lineWidth = 1;
    ctx.font = '10px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    let labelEnd = 0;
    for (const e of t.episodes) {
      if (e.end < w.start || e.start >= w.start + w.n) continue;
      const x0 = L(Math.max(e.start, w.start));
      if (e.start > 0 && e.start >= w.start) {
        ctx.beginPath();
        ctx.moveTo(x0, 12);
        ctx.lineTo(x0, y - GAP);
        ctx.stroke();
      }
      const text = 'level ' + e.seed;
      const tw = ctx.measureText(text).width;
      if (x0 + 3 >= labelEnd && x0 + 3 + tw <= GUTTER + plot) {
        ctx.fillStyle = '#6a737d';
        ctx.fillText(text, x0 + 3, 1);
        labelEnd = x0 + 3 + tw + 8;
      }
    }
    ctx.setLineDash([]);
    // bookmarks of this trajectory
    for (const [list, colour, glyph] of [[meta.bookmarks.largest, '#1a7f37', '▲'], [meta.bookmarks.smallest, '#cf222e', '▼']]) {
      ctx.fillStyle = colour;
      ctx.textAlign = 'center';
      ctx.font = '10px system-ui, sans-serif';
      for (const b of list) {
        if (b.trajectory === S.traj && b.step >= w.start && b.step < w.start + w.n) ctx.fillText(glyph, X(b.step), 15);
      }
    }
    // step axis
    ctx.fillStyle = '#6a737d';
    ctx.textBaseline = 'top';
    ctx.textAlign = 'center';
    ctx.font = '10px system-ui, sans-serif';
    const n = w.n;
    const every = n <= 64 ? 8 : n <= 160 ? 20 : n <= 400 ? 50 : 100;
    for (let s = Math.ceil(w.start / every) * every; s < w.start + n; s += every) {
      ctx.fillRect(X(s), y - GAP, 1, 3);
      if (s > 0) ctx.fillText(String(s), X(s), y - GAP + 4);
    }
    if (n < T) {
      // where the window lies in the trajectory: a bar under the gutter's labels
      const by = y - GAP + 14, bw = GUTTER - 16;
      ctx.fillStyle = '#d9dde2';
      ctx.fillRect(8, by, bw, 3);
      ctx.fillStyle = '#1f6feb';
      ctx.fillRect(8 + w.start / T * bw, by, Math.max(2, n / T * bw), 3);
      ctx.textAlign = 'left';
      ctx.fillStyle = '#6a737d';
      ctx.font = '9px system-ui, sans-serif';
      ctx.fillText(w.start + '–' + (w.start + n - 1) + ' of ' + T, 8, y - GAP + 3);
    }
  }

  function line(ctx, from, to, X, Y, colour, width, breaks) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.beginPath();
    for (let s = from; s < to; s++) {
      if (s === from || (breaks && breaks[s])) ctx.moveTo(X(s), Y(s));
      else ctx.lineTo(X(s), Y(s));
    }
    ctx.stroke();
  }

  // ---- hooks for tests and measurements -----------------------------------------------------

  RLV.go = go;
  RLV.render = render;
  RLV.load = load;
  RLV.setWindow = setWindow;
  RLV.layout = { gutter: GUTTER, padRight: PAD_RIGHT };
  RLV.openPopup = openPopup;
  /** Steps through n steps synchronously and returns the mean milliseconds per step. */
  RLV.measureScrub = function (n) {
    const t = loaded[S.traj];
    if (!t) return NaN;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      S.step = (S.step + 1) % t.length;
      render();
    }
    return (performance.now() - t0) / n;
  };
})();
