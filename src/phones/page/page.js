(function () {
  'use strict';

  var TOKEN_KEY = 'defiant-trivia.token';
  var NAME_KEY = 'defiant-trivia.name';
  var SHAPES = ['\u25C6', '\u25CF', '\u25A0', '\u25B2']; // ◆ ● ■ ▲
  var LETTERS = ['A', 'B', 'C', 'D'];
  var OPTION_COLOURS = ['#cc384d', '#2973d1', '#d4990d', '#29995c'];
  var SEAT_COLOURS = ['#f56b6b', '#59a6fa', '#facc40', '#66d980', '#c785fa', '#4dd9d9', '#fa9933', '#f28ccc'];
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var BACKOFF = [500, 1000, 2000, 4000, 5000];
  var PING_EVERY = 15000;
  var SILENCE_LIMIT = 35000;   // no message for this long: the connection is dead
  var HELLO_LIMIT = 10000;     // connect + welcome must happen within this
  var ANSWER_PENDING_MS = 5000;
  var BUZZ_PENDING_MS = 1500;
  var MAX_SENDS_PER_SECOND = 4; // the game allows 5 per second after a burst of 10

  function $(id) { return document.getElementById(id); }
  var body = document.body;
  var els = {
    start: $('start'), spin: $('start-spin'), form: $('join-form'), name: $('name'), room: $('room'),
    roomField: $('room-field'), roomChip: $('room-chip'), roomChipCode: $('room-chip-code'),
    join: $('join'), message: $('message'), startActions: $('start-actions'), tryAgain: $('try-again'),
    game: $('game'), meName: $('me-name'), meDot: $('me-dot'), note: $('note'), score: $('score'), rank: $('rank'),
    qbar: $('qbar'), round: $('round'), qnum: $('qnum'), timer: $('timer'), timebar: $('timebar'), timefill: $('timefill'),
    prompt: $('prompt'), picture: $('picture'), pictureImg: $('picture-img'), pictureNote: $('picture-note'),
    status: $('status'), options: $('options'), buzzWrap: $('buzz-wrap'),
    buzz: $('buzz'), buzzBig: $('buzz-big'), buzzSmall: $('buzz-small'), card: $('card'),
    orderRow: $('order-row'), orderFirst: $('order-first'), orderLast: $('order-last'), orderSlots: $('order-slots'),
    orderActions: $('order-actions'), orderUndo: $('order-undo'),
    number: $('number'), numberShow: $('number-show'), numberValue: $('number-value'), numberDigits: $('number-digits'),
    numberUnit: $('number-unit'), numberBack: $('number-back'), keypad: $('keypad'), numberLock: $('number-lock'),
    wager: $('wager'), wagerCategory: $('wager-category'), stake: $('stake'), stakeMax: $('stake-max'),
    stakeQuick: $('stake-quick'), stakeNone: $('stake-none'), stakeHalf: $('stake-half'), stakeAll: $('stake-all'),
    stakeHalfPts: $('stake-half-pts'), stakeAllPts: $('stake-all-pts'),
    stakeHint: $('stake-hint'), stakeSend: $('stake-send'), stakeSaid: $('stake-said'),
    banner: $('reconnecting'), bannerText: $('reconnecting-text'), rejoin: $('rejoin')
  };
  var optionButtons = [];
  for (var b = 0; b < 4; b++) optionButtons.push(els.options.querySelector('.option[data-option="' + b + '"]'));

  // ---------- storage (may be unavailable: private modes) ----------
  var store = {
    get: function (k) { try { return window.localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { window.localStorage.setItem(k, v); } catch (e) { /* ignore */ } },
    del: function (k) { try { window.localStorage.removeItem(k); } catch (e) { /* ignore */ } }
  };
  function validToken(t) { return typeof t === 'string' && /^[0-9a-fA-F]{32}$/.test(t); }

  // ---------- state ----------
  var ws = null;            // the current socket (older ones are ignored)
  var seated = false;       // welcomed on the current socket
  var mode = 'idle';        // 'join' | 'resume' | 'idle': what the next connection says first
  var token = store.get(TOKEN_KEY);
  if (!validToken(token)) { token = null; store.del(TOKEN_KEY); }
  var joinRequest = null;   // {room, name} while joining
  var kicked = false;
  var halted = false;       // seat opened on another screen: wait for Rejoin
  var attempt = 0;
  var retryTimer = null, helloTimer = null, pingTimer = null, probeTimer = null;
  var lastRx = 0;
  var hadFailure = false;
  var myName = '';
  var view = null, viewAt = 0;
  var pendingAnswer = null; // {q, option, at}
  var pendingBuzz = null;   // {q, at}
  var pendingOrder = null;  // {q, items, at}: a whole order sent, not yet confirmed
  var pendingNumber = null; // {q, value, at}
  var orderDraft = null;    // {q, picked}: the items tapped so far, first place first
  var numberDraft = null;   // {q, text}: the number typed so far, as shown
  var pendingStake = null;  // {q, points, at}: a stake on the final sent, not yet confirmed
  var stakeDraft = null;    // {q, text}: the stake typed so far (this phone's own, never sent to others)
  var textsCache = {};      // question index -> option texts
  var clock = { key: null, total: 0 };
  var sendTimes = [];

  function now() { return (window.performance && performance.now) ? performance.now() : Date.now(); }
  function str(x) { return typeof x === 'string' ? x : ''; }
  function int(x, d) { return (typeof x === 'number' && isFinite(x)) ? Math.round(x) : d; }

  // ---------- formatting ----------
  function fmtInt(n) {
    n = int(n, 0);
    var s = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (n < 0 ? '-' : '') + s;
  }
  function signed(n) { n = int(n, 0); return (n > 0 ? '+' : '') + fmtInt(n); }
  function ordinal(n) {
    n = int(n, 0);
    var m100 = n % 100, m10 = n % 10;
    var suffix = (m100 >= 11 && m100 <= 13) ? 'th' : m10 === 1 ? 'st' : m10 === 2 ? 'nd' : m10 === 3 ? 'rd' : 'th';
    return n + suffix;
  }
  function label(i) { return SHAPES[i] + ' ' + LETTERS[i]; }
  function kindOf(q) { var k = q ? str(q.kind) : ''; return k === 'order' || k === 'number' ? k : 'choice'; }
  // A number as the game writes it: up to 6 decimals, no trailing zeros.
  function numText(x) {
    if (typeof x !== 'number' || !isFinite(x)) return '';
    var t = x.toFixed(6);
    if (t.indexOf('.') >= 0) t = t.replace(/0+$/, '').replace(/\.$/, '');
    return t === '-0' ? '0' : t;
  }
  // The items of an order (indices as shown, each once, below n), or null.
  function orderItems(a, n) {
    if (!Array.isArray(a)) return null;
    var out = [];
    for (var i = 0; i < a.length; i++) {
      var x = int(a[i], -1);
      if (x < 0 || x >= n || out.indexOf(x) >= 0) return null;
      out.push(x);
    }
    return out;
  }
  function lettersOf(items) {
    return items.map(function (i) { return LETTERS[i]; }).join(', ');
  }
  function seatColour(c) { c = int(c, 0); return SEAT_COLOURS[((c % 8) + 8) % 8]; }
  function rankText(v) {
    var r = int(v.rank, 0), p = int(v.players, 0);
    if (r < 1) return '';
    return p > 0 ? ordinal(r) + ' of ' + p : ordinal(r);
  }
  function summaryText(v) {
    var r = rankText(v);
    return 'Score ' + fmtInt(v.score) + (r ? ' \u00B7 ' + r : '');
  }

  // ---------- DOM helpers (text only: never innerHTML with game data) ----------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function shapeSvg(i) {
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    var s;
    if (i === 0) { s = document.createElementNS(SVG_NS, 'polygon'); s.setAttribute('points', '12,1 23,12 12,23 1,12'); }
    else if (i === 1) { s = document.createElementNS(SVG_NS, 'circle'); s.setAttribute('cx', '12'); s.setAttribute('cy', '12'); s.setAttribute('r', '11'); }
    else if (i === 2) { s = document.createElementNS(SVG_NS, 'rect'); s.setAttribute('x', '2'); s.setAttribute('y', '2'); s.setAttribute('width', '20'); s.setAttribute('height', '20'); s.setAttribute('rx', '1.5'); }
    else { s = document.createElementNS(SVG_NS, 'polygon'); s.setAttribute('points', '12,1.5 23.5,22 0.5,22'); }
    svg.appendChild(s);
    return svg;
  }
  function chip(i, small) {
    var c = el('span', 'chip' + (small ? ' small' : ''));
    c.style.background = OPTION_COLOURS[i];
    c.appendChild(shapeSvg(i));
    c.appendChild(el('span', null, LETTERS[i]));
    c.setAttribute('aria-label', LETTERS[i]);
    return c;
  }
  function vibrate(p) { try { if (navigator.vibrate) navigator.vibrate(p); } catch (e) { /* ignore */ } }

  // ---------- screens ----------
  function setConnected(yes) { body.dataset.connected = yes ? 'yes' : 'no'; }
  function setMessage(text, tone) {
    els.message.textContent = text || '';
    els.message.className = tone || '';
  }
  function showStart(opts) {
    // opts: {form: bool, spin: bool, message, tone, tryAgain: bool}
    body.dataset.screen = opts.screen || 'start';
    els.game.hidden = true;
    els.start.hidden = false;
    els.form.hidden = !opts.form;
    els.spin.hidden = !opts.spin;
    els.startActions.hidden = !opts.tryAgain;
    setMessage(opts.message, opts.tone);
    setJoinBusy(false);
  }
  function showJoinForm(message, tone) {
    showStart({ form: true, message: message, tone: tone });
    if (!els.name.value) els.name.value = store.get(NAME_KEY) || '';
  }
  function showGame() {
    body.dataset.screen = 'game';
    els.start.hidden = true;
    els.game.hidden = false;
  }
  function setJoinBusy(busy) {
    els.join.disabled = busy;
    els.join.textContent = busy ? 'Joining\u2026' : 'Join';
  }
  function showBanner(text, isHalted) {
    els.bannerText.textContent = text;
    els.banner.classList.toggle('halted', !!isHalted);
    els.banner.hidden = false;
  }
  function hideBanner() { els.banner.hidden = true; }

  // ---------- room code from the address ----------
  var urlRoom = '';
  (function () {
    var m = /[?&]room=([^&#]*)/i.exec(location.search || '');
    if (m) {
      var r = '';
      try { r = decodeURIComponent(m[1]); } catch (e) { r = m[1]; }
      r = r.toUpperCase().replace(/[^A-Z]/g, '');
      if (r.length === 4) urlRoom = r;
    }
  })();
  function showRoomField(focus) {
    els.roomField.hidden = false;
    els.roomChip.hidden = true;
    if (focus) { try { els.room.focus(); els.room.select(); } catch (e) { /* ignore */ } }
  }
  if (urlRoom) {
    els.room.value = urlRoom;
    els.roomChipCode.textContent = urlRoom;
    els.roomField.hidden = true;
    els.roomChip.hidden = false;
  }
  els.room.addEventListener('input', function () {
    var v = els.room.value.toUpperCase().replace(/[^A-Z]/g, '').slice(0, 4);
    if (v !== els.room.value) els.room.value = v;
  });

  // ---------- sending ----------
  function send(obj) {
    if (!ws || ws.readyState !== 1) return false;
    var t = now();
    while (sendTimes.length && t - sendTimes[0] > 1000) sendTimes.shift();
    if (sendTimes.length >= MAX_SENDS_PER_SECOND) return false;
    try { ws.send(JSON.stringify(obj)); } catch (e) { return false; }
    sendTimes.push(t);
    return true;
  }

  // ---------- connection ----------
  function clearTimers() {
    clearTimeout(helloTimer); helloTimer = null;
    clearInterval(pingTimer); pingTimer = null;
    clearTimeout(probeTimer); probeTimer = null;
  }
  function abandon(sock) {
    if (!sock) return;
    sock.onopen = sock.onmessage = sock.onclose = sock.onerror = null;
    try { sock.close(); } catch (e) { /* ignore */ }
  }
  function socketUrl() {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
  }

  function connect() {
    clearTimeout(retryTimer); retryTimer = null;
    if (kicked) return;
    if (mode === 'idle') return;
    if (ws) { var old = ws; ws = null; abandon(old); }
    clearTimers();
    seated = false;
    setConnected(false);
    var sock;
    try { sock = new WebSocket(socketUrl()); } catch (e) { ended(0); return; }
    ws = sock;
    helloTimer = setTimeout(function () {
      if (sock === ws && !seated) { ws = null; abandon(sock); ended(0); }
    }, HELLO_LIMIT);
    sock.onopen = function () {
      if (sock !== ws) return;
      lastRx = now();
      sendTimes = [];
      var hello = mode === 'resume' ? { type: 'resume', token: token } : { type: 'join', room: joinRequest.room, name: joinRequest.name };
      if (!send(hello)) { ws = null; abandon(sock); ended(0); }
    };
    sock.onmessage = function (ev) {
      if (sock !== ws) return;
      lastRx = now();
      var msg = null;
      try { msg = JSON.parse(typeof ev.data === 'string' ? ev.data : ''); } catch (e) { msg = null; }
      if (msg && typeof msg === 'object') handle(msg, sock);
    };
    sock.onerror = function () { /* a close event follows */ };
    sock.onclose = function (ev) {
      if (sock !== ws) return;
      ws = null;
      ended(ev && typeof ev.code === 'number' ? ev.code : 0);
    };
  }

  // The current socket ended (closed, failed, timed out).
  function ended(code) {
    clearTimers();
    seated = false;
    setConnected(false);
    pendingBuzz = null;
    if (kicked) return;
    if (code === 4001) { becomeKicked(); return; }
    if (mode === 'join') {
      mode = 'idle';
      joinRequest = null;
      showJoinForm('Could not reach the game. Check that this phone is on the same Wi\u2011Fi as the TV, then try again.', 'bad');
      return;
    }
    if (mode !== 'resume' || !token) return;
    hadFailure = true;
    if (code === 4000) {
      // The same seat was opened in another tab or browser: do not fight over it.
      halted = true;
      showBanner('Playing on another screen', true);
      if (!view) showStart({ spin: false, message: 'This seat is open on another screen.' });
      render();
      return;
    }
    scheduleRetry();
  }

  function scheduleRetry() {
    clearTimeout(retryTimer);
    var delay = BACKOFF[Math.min(attempt, BACKOFF.length - 1)];
    attempt++;
    showBanner('Reconnecting\u2026', false);
    if (!view) showStart({ spin: true, message: 'Reconnecting\u2026' });
    render();
    retryTimer = setTimeout(connect, delay);
  }

  // Connect again now if not connected (Rejoin, back to the page, network back).
  function reconnectNow(force) {
    if (kicked || !token || mode !== 'resume') return;
    if (halted && !force) return;
    if (force) halted = false;
    if (ws && seated && ws.readyState === 1) { probe(); return; }
    if (ws && !force && ws.readyState === 0) return; // already on its way
    attempt = 0;
    if (hadFailure || view) showBanner('Reconnecting\u2026', false);
    connect();
  }

  // A socket that looks open may be dead after the phone slept: ping, and give up on
  // it if nothing comes back quickly.
  function probe() {
    if (!ws || !seated || probeTimer) return;
    var sock = ws, sentAt = now();
    if (!send({ type: 'ping' })) return;
    probeTimer = setTimeout(function () {
      probeTimer = null;
      if (sock === ws && lastRx < sentAt) { ws = null; abandon(sock); ended(0); }
    }, 4000);
  }

  function startPinging() {
    clearInterval(pingTimer);
    pingTimer = setInterval(function () {
      if (!ws || !seated) return;
      if (now() - lastRx > SILENCE_LIMIT) { var s = ws; ws = null; abandon(s); ended(0); return; }
      send({ type: 'ping' });
    }, PING_EVERY);
  }

  function becomeKicked() {
    kicked = true;
    clearTimeout(retryTimer); retryTimer = null;
    clearTimers();
    if (ws) { var s = ws; ws = null; abandon(s); }
    seated = false;
    token = null;
    store.del(TOKEN_KEY);
    mode = 'idle';
    view = null;
    hideBanner();
    setConnected(false);
    body.dataset.phase = '';
    body.dataset.you = '';
    body.dataset.kind = '';
    body.dataset.question = '';
    renderPicture(null);
    showStart({ screen: 'kicked', message: 'The host removed you from this party', tone: 'big' });
  }

  // ---------- messages from the game ----------
  function handle(msg, sock) {
    switch (msg.type) {
      case 'welcome': {
        if (!validToken(msg.token)) return;
        token = msg.token;
        store.set(TOKEN_KEY, token);
        myName = str(msg.name) || myName;
        // The name as typed (cleaned by the game), not a later rename: the form's default.
        if (mode === 'join' && myName) store.set(NAME_KEY, myName);
        mode = 'resume';
        joinRequest = null;
        seated = true;
        halted = false;
        attempt = 0;
        hadFailure = false;
        clearTimeout(helloTimer); helloTimer = null;
        startPinging();
        pendingAnswer = null;
        pendingBuzz = null;
        pendingOrder = null;
        pendingNumber = null;
        pendingStake = null;
        hideBanner();
        setConnected(true);
        setJoinBusy(false);
        showGame();
        if (!view) {
          els.meName.textContent = myName;
          els.status.textContent = 'You\u2019re in!';
          els.status.className = 'gold';
        }
        render();
        keepAwake();
        break;
      }
      case 'refused': {
        var reason = str(msg.reason) || 'The game said no.';
        var retry = msg.retry !== false;
        var wasResume = mode === 'resume';
        ws = null; abandon(sock);
        clearTimers();
        clearTimeout(retryTimer); retryTimer = null;
        seated = false;
        setConnected(false);
        mode = 'idle';
        joinRequest = null;
        hideBanner();
        if (wasResume) {
          token = null;
          store.del(TOKEN_KEY);
          view = null;
          body.dataset.phase = '';
          body.dataset.you = '';
          body.dataset.kind = '';
          body.dataset.question = '';
          renderPicture(null);
        }
        if (!retry) {
          showStart({ message: reason, tone: 'bad', tryAgain: true });
        } else {
          showJoinForm(reason, 'bad');
          if (/code/i.test(reason)) showRoomField(true);
        }
        break;
      }
      case 'kicked':
        becomeKicked();
        break;
      case 'view':
        if (seated) applyView(msg);
        break;
      default:
        break; // pong and anything unknown: nothing to do
    }
  }

  function applyView(v) {
    var prevYou = view ? view.you : null;
    var prevQ = view && view.question ? view.question.index : null;
    view = v;
    viewAt = now();
    if (v.name) myName = str(v.name);
    var q = v.question && typeof v.question === 'object' ? v.question : null;
    if (q && Array.isArray(q.texts)) textsCache[int(q.index, -1)] = q.texts;

    // Pending taps end when the view moves on or confirms them.
    var qi = q ? int(q.index, -1) : -1;
    if (pendingAnswer && (v.phase !== 'question' || qi !== pendingAnswer.q || v.locked != null ||
        (v.you !== 'choose' && v.you !== 'answer'))) pendingAnswer = null;
    if (pendingBuzz && (v.phase !== 'question' || qi !== pendingBuzz.q || v.you !== 'buzz')) pendingBuzz = null;
    if (pendingOrder && (v.phase !== 'question' || qi !== pendingOrder.q || v.you !== 'choose')) pendingOrder = null;
    if (pendingNumber && (v.phase !== 'question' || qi !== pendingNumber.q || v.you !== 'choose')) pendingNumber = null;
    // A stake ends when the game confirms it, or says no (the note then says why).
    var st = stakeOf(v);
    if (pendingStake && (v.phase !== 'wager' || v.you !== 'stake' || !st || int(st.question, -1) !== pendingStake.q ||
        st.staked === pendingStake.points || str(v.note).charAt(0) === '\u2717')) pendingStake = null;

    // The countdown's full length, for the bar.
    if (q && v.phase === 'question') {
      var key = qi + (v.you === 'answer' || v.you === 'other' ? ':a' : ':q');
      var rem = Math.max(0, int(q.remaining_ms, 0));
      if (key !== clock.key || rem > clock.total) { clock.key = key; clock.total = rem; }
    } else {
      clock.key = null; clock.total = 0;
    }

    if (v.you !== prevYou) {
      if (v.you === 'answer') vibrate([60, 40, 60]);
      else if (v.you === 'buzz' && prevYou === 'reading') vibrate(30);
    }
    if (qi !== prevQ) els.game.scrollTop = 0;
    render();
  }

  // ---------- rendering ----------
  function show(which) {
    els.options.hidden = which !== 'options' && which !== 'order';
    els.orderRow.hidden = which !== 'order';
    els.orderActions.hidden = which !== 'order';
    els.number.hidden = which !== 'number';
    els.buzzWrap.hidden = which !== 'buzz';
    els.wager.hidden = which !== 'wager';
    els.card.hidden = which !== 'card';
  }
  // Writes only a change: a live region then speaks only news.
  function setText(node, text) { if (node.textContent !== text) node.textContent = text; }
  function setStatus(text, tone) {
    els.status.textContent = text;
    els.status.className = tone || '';
  }

  function render() {
    var v = view;
    if (!v) return;
    body.dataset.phase = str(v.phase);
    body.dataset.you = str(v.you);
    body.dataset.connected = (ws && seated && ws.readyState === 1) ? 'yes' : 'no';

    var phase = str(v.phase), you = str(v.you);
    var q = v.question && typeof v.question === 'object' ? v.question : null;
    body.dataset.kind = q ? kindOf(q) : '';
    body.dataset.question = q ? String(int(q.index, -1)) : '';

    // header
    els.meName.textContent = str(v.name) || myName;
    els.meDot.style.background = seatColour(v.colour);
    var note = str(v.note);
    els.note.textContent = note;
    // A note the page's card says in full (a sudden death to watch, the final's reveal
    // still to come for this phone, the end of an evening) is not said twice.
    var noteBelow = phase === 'intermission' || (phase === 'question' && you === 'benched') ||
      (phase === 'reveal' && !v.result && you !== 'removed');
    els.note.hidden = !note || noteBelow;
    els.score.textContent = fmtInt(v.score);
    els.rank.textContent = rankText(v);

    // question bar (the round above the question count) and prompt
    var inQuestion = phase === 'question' || phase === 'reveal';
    var round = phase === 'lobby' ? '' : str(v.round);
    els.round.textContent = round;
    els.round.hidden = !round;
    clear(els.qnum);
    if (q && inQuestion) {
      els.qbar.hidden = false;
      var count = int(q.count, 0);
      var number = int(q.number, 0) || int(q.index, 0) + 1;
      els.qnum.appendChild(document.createTextNode('Question ' + number + (count ? ' of ' + count : '')));
      if (q.buzz_in) els.qnum.appendChild(el('span', 'tag', 'Buzz-in'));
      var prompt = str(q.prompt);
      els.prompt.textContent = prompt;
      els.prompt.hidden = !prompt;
      els.prompt.classList.toggle('long', prompt.length > 110 && prompt.length <= 180);
      els.prompt.classList.toggle('longer', prompt.length > 180);
    } else {
      els.qbar.hidden = !round;
      els.prompt.textContent = '';
      els.prompt.hidden = true;
    }
    renderPicture(pictureOf(v, phase, q));
    tick();

    if (phase === 'lobby') return renderLobby(v);
    if (phase === 'question' && q) return renderQuestion(v, q, you);
    if (phase === 'reveal' || phase === 'scoreboard' || phase === 'finished') return renderResult(v, phase, you);
    if (phase === 'wager') return renderWager(v, you);
    if (phase === 'round_end') {
      setStatus('Round over', 'gold');
      renderCard('\u2026', '', 'Round over \u2014 scores on the TV', summaryText(v));
      return;
    }
    if (phase === 'intermission') {
      setStatus('Until next time', 'gold');
      renderCard('\u2026', '', note || 'The series goes on another evening', summaryText(v));
      return;
    }
    setStatus('Watch the TV', 'muted');
    renderCard('\u2026', '', 'Watch the TV', note);
  }

  // The picture on the TV, when the host shows pictures on phones: the open question's, or
  // at the reveal the answer's. Only this game's own picture addresses are taken.
  function pictureOf(v, phase, q) {
    var p = null;
    if (phase === 'question' && q) p = q.picture;
    else if (phase === 'reveal' && v.result && typeof v.result === 'object') p = v.result.picture;
    if (!p || typeof p !== 'object') return null;
    var url = str(p.url);
    if (!/^\/picture\/[0-9a-f]{32}$/.test(url)) return null;
    var w = int(p.width, 0), h = int(p.height, 0);
    return { url: url, ratio: w > 0 && h > 0 ? h / w : 0.5625, reveal: phase === 'reveal' };
  }
  // Its room is kept by its shape before it loads: nothing below it moves.
  function renderPicture(pic) {
    var fig = els.picture, img = els.pictureImg;
    if (!pic) {
      fig.hidden = true;
      if (img.getAttribute('src')) img.removeAttribute('src');
      fig.className = '';
      body.dataset.picture = '';
      return;
    }
    var ratio = String(Math.max(0.1, Math.min(10, pic.ratio)));
    if (fig.style.getPropertyValue('--ratio') !== ratio) fig.style.setProperty('--ratio', ratio);
    img.alt = pic.reveal ? 'The answer\u2019s picture, as on the TV' : 'The question\u2019s picture, as on the TV';
    if (img.getAttribute('src') !== pic.url) {
      fig.className = '';
      els.pictureNote.hidden = true;
      body.dataset.picture = 'loading';
      img.src = pic.url;
    }
    fig.hidden = false;
  }
  els.pictureImg.addEventListener('load', function () {
    if (!els.pictureImg.getAttribute('src')) return;
    els.picture.className = 'loaded';
    els.pictureNote.hidden = true;
    body.dataset.picture = 'loaded';
  });
  els.pictureImg.addEventListener('error', function () {
    if (!els.pictureImg.getAttribute('src')) return;
    els.picture.className = 'failed';
    els.pictureNote.hidden = false;
    body.dataset.picture = 'failed';
  });

  function renderLobby(v) {
    setStatus('You\u2019re in!', 'gold');
    show('card');
    clear(els.card);
    var shapes = el('div', 'shapes');
    for (var i = 0; i < 4; i++) {
      var s = el('span');
      s.style.background = OPTION_COLOURS[i];
      s.appendChild(shapeSvg(i));
      shapes.appendChild(s);
    }
    els.card.appendChild(shapes);
    var n = int(v.players, 0);
    els.card.appendChild(el('div', 'title', n === 1 ? '1 player in the party' : n + ' players in the party'));
    els.card.appendChild(el('div', 'line', 'Keep this page open: you answer here when the game starts.'));
  }

  function renderCard(icon, tone, title, line) {
    show('card');
    clear(els.card);
    if (icon) els.card.appendChild(el('div', 'icon' + (tone ? ' ' + tone : ''), icon));
    if (title) els.card.appendChild(el('div', 'title', title));
    if (line) els.card.appendChild(el('div', 'line', line));
  }

  function renderQuestion(v, q, you) {
    var kind = kindOf(q);
    if (kind === 'order' && (you === 'choose' || you === 'locked')) return renderOrder(v, q, you);
    if (kind === 'number' && (you === 'choose' || you === 'locked')) return renderNumber(v, q, you);
    var n = Math.max(2, Math.min(4, int(q.options, 4)));
    var qi = int(q.index, -1);
    switch (you) {
      case 'choose':
      case 'answer': {
        var p = pendingAnswer && pendingAnswer.q === qi ? pendingAnswer.option : null;
        if (p != null) setStatus('Sending ' + label(p) + '\u2026', 'muted');
        else if (you === 'answer') setStatus('You buzzed first: answer now!', 'gold');
        else setStatus('Pick your answer', '');
        renderOptions(q, n, p != null ? 'pending' : 'choose', p);
        return;
      }
      case 'locked': {
        var l = v.locked;
        var li = (typeof l === 'number' && l >= 0 && l < 4) ? l : null;
        setStatus(li != null ? 'Locked in: ' + label(li) : 'Answer locked in', 'good');
        renderOptions(q, n, 'locked', li);
        return;
      }
      case 'reading':
        setStatus('Wait for it\u2026', 'muted');
        renderBuzz('reading');
        return;
      case 'buzz':
        if (pendingBuzz && pendingBuzz.q === qi) setStatus('Buzzed!', 'gold');
        else setStatus('Buzz in!', 'gold');
        renderBuzz('buzz');
        return;
      case 'gathering':
        setStatus('Checking who buzzed first\u2026', 'muted');
        renderBuzz('gathering');
        return;
      case 'other':
        setStatus('Someone else is answering', 'muted');
        renderCard('\u2026', '', 'Hold on', 'Watch the TV to see if they get it right.');
        return;
      case 'locked_out':
        setStatus('Locked out', 'bad');
        renderCard('\u2715', 'bad', 'You can\u2019t buzz right now', 'Too early, or a wrong answer. Watch the TV.');
        return;
      case 'waiting':
        setStatus('Wait for the next question', 'muted');
        renderCard('\u2026', 'gold', 'You\u2019re in!', 'You play from the next question.');
        return;
      case 'removed':
        setStatus('Watching only', 'muted');
        renderCard('\u2026', '', 'Watching only', 'The host took you out of this game.');
        return;
      case 'benched':
        setStatus('Sudden death', 'muted');
        renderCard('\u2026', '', str(v.note) || 'Sudden death between the leaders: watch the TV', '');
        return;
      default:
        setStatus('Watch the TV', 'muted');
        renderCard('\u2026', '', '', 'Watch the TV');
    }
  }

  // The four big buttons, as options or as an order's items: count, texts, sizes.
  function prepareButtons(q, n) {
    els.options.dataset.count = String(n);
    var texts = Array.isArray(q.texts) ? q.texts : null;
    els.options.classList.toggle('has-text', !!texts);
    var longest = 0;
    if (texts) for (var j = 0; j < n; j++) longest = Math.max(longest, str(texts[j]).length);
    els.options.classList.toggle('short-text', !!texts && longest <= 24);
    els.options.classList.toggle('long-text', !!texts && longest > 60);
    var out = [];
    for (var i = 0; i < 4; i++) {
      var btn = optionButtons[i];
      btn.hidden = i >= n;
      var t = texts ? str(texts[i]) : '';
      var span = btn.querySelector('.text');
      span.textContent = t;
      span.hidden = !t;
      out.push(t);
    }
    return out;
  }
  function setMark(btn, cls, text) {
    var mark = btn.querySelector('.' + cls);
    if (text == null) { if (mark) btn.removeChild(mark); return; }
    if (!mark) { mark = el('span', cls); mark.setAttribute('aria-hidden', 'true'); btn.appendChild(mark); }
    if (mark.textContent !== text) mark.textContent = text;
  }

  function renderOptions(q, n, state, idx) {
    show('options');
    var texts = prepareButtons(q, n);
    els.options.classList.remove('ordered');
    els.options.classList.toggle('locked', state === 'locked' && idx != null);
    els.options.classList.toggle('pending', state === 'pending');
    for (var i = 0; i < 4; i++) {
      var btn = optionButtons[i];
      var t = texts[i];
      btn.setAttribute('aria-label', LETTERS[i] + (t ? ': ' + t : ''));
      btn.classList.remove('placed');
      setMark(btn, 'place', null);
      btn.disabled = state !== 'choose';
      var chosen = idx === i;
      btn.classList.toggle('chosen', chosen);
      var badge = btn.querySelector('.badge');
      if (chosen && state === 'locked') {
        if (!badge) { badge = el('span', 'badge', '\u2713 LOCKED'); btn.appendChild(badge); }
      } else if (badge) {
        btn.removeChild(badge);
      }
    }
  }

  // An order: tap the items from the first end to the last; the last tap sends it.
  function orderCount(q) { return Math.max(2, Math.min(4, int(q.options, 4))); }
  function draftOrder(qi) {
    if (!orderDraft || orderDraft.q !== qi) orderDraft = { q: qi, picked: [] };
    return orderDraft;
  }
  function renderOrder(v, q, you) {
    var n = orderCount(q), qi = int(q.index, -1);
    var state, items;
    if (you === 'locked') {
      state = 'locked';
      items = orderItems(v.locked_order, n) ||
        (pendingOrder && pendingOrder.q === qi ? pendingOrder.items : null) || [];
    } else if (pendingOrder && pendingOrder.q === qi) {
      state = 'pending';
      items = pendingOrder.items;
    } else {
      state = 'choose';
      items = draftOrder(qi).picked;
    }
    if (state === 'locked') setStatus(items.length ? 'Locked in: ' + lettersOf(items) : 'Order locked in', 'good');
    else if (state === 'pending') setStatus('Sending your order\u2026', 'muted');
    else if (!items.length) setStatus('Tap them in order', '');
    else setStatus(items.length + ' of ' + n + ' placed', '');

    show('order');
    var texts = prepareButtons(q, n);
    els.options.classList.add('ordered');
    els.options.classList.remove('locked');
    els.options.classList.remove('pending');
    for (var i = 0; i < 4; i++) {
      var btn = optionButtons[i];
      var place = items.indexOf(i);
      var t = texts[i];
      btn.setAttribute('aria-label', LETTERS[i] + (t ? ': ' + t : '') +
        (place >= 0 ? ', placed ' + ordinal(place + 1) : ''));
      btn.disabled = state !== 'choose' || place >= 0;
      btn.classList.remove('chosen');
      btn.classList.toggle('placed', place >= 0);
      setMark(btn, 'badge', null);
      setMark(btn, 'place', place >= 0 ? String(place + 1) : null);
    }

    var first = str(q.first) || 'First', last = str(q.last) || 'Last';
    els.orderFirst.textContent = first + ' \u2192';
    els.orderLast.textContent = '\u2192 ' + last;
    clear(els.orderSlots);
    var spoken = [];
    for (var k = 0; k < n; k++) {
      var slot;
      if (k < items.length) {
        var it = items[k];
        slot = el('span', 'slot');
        slot.style.background = OPTION_COLOURS[it];
        slot.appendChild(shapeSvg(it));
        slot.appendChild(el('span', null, LETTERS[it]));
        spoken.push(LETTERS[it]);
      } else {
        slot = el('span', 'slot empty' + (k === items.length && state === 'choose' ? ' next' : ''), String(k + 1));
        spoken.push('blank');
      }
      els.orderSlots.appendChild(slot);
    }
    els.orderRow.setAttribute('aria-label', 'Your order: ' + first + ', ' + spoken.join(', ') + ', ' + last);
    els.orderSlots.setAttribute('aria-label', 'Your order: ' + spoken.join(', '));
    els.orderRow.classList.toggle('locked', state === 'locked');
    setMark(els.orderRow, 'badge', state === 'locked' ? '\u2713 LOCKED' : null);
    els.orderUndo.disabled = state !== 'choose' || !items.length;
    els.orderActions.hidden = state === 'locked';
  }

  // A number: typed on the keypad, sent with Lock in.
  function draftNumber(qi) {
    if (!numberDraft || numberDraft.q !== qi) numberDraft = { q: qi, text: '' };
    return numberDraft;
  }
  // The typed text as a number the game takes (finite, within 10^12), or null.
  function typedValue(text) {
    if (!/[0-9]/.test(text)) return null;
    var x = Number(text);
    return isFinite(x) && Math.abs(x) <= 1e12 ? x : null;
  }
  function renderNumber(v, q, you) {
    var qi = int(q.index, -1), unit = str(q.unit);
    var state, text;
    if (you === 'locked') {
      state = 'locked';
      text = numText(v.locked_number) ||
        (pendingNumber && pendingNumber.q === qi ? numText(pendingNumber.value) : '');
    } else if (pendingNumber && pendingNumber.q === qi) {
      state = 'pending';
      text = numText(pendingNumber.value);
    } else {
      state = 'choose';
      text = draftNumber(qi).text;
    }
    var said = text + (unit && text ? ' ' + unit : '');
    if (state === 'locked') setStatus(text ? 'Locked in: ' + said : 'Answer locked in', 'good');
    else if (state === 'pending') setStatus('Sending ' + said + '\u2026', 'muted');
    else setStatus(text ? 'Tap Lock in when sure' : 'Type your answer', '');

    show('number');
    els.number.className = state === 'choose' ? '' : state;
    els.numberDigits.textContent = text || '?';
    els.numberDigits.className = (text ? '' : 'empty') + (text.length > 8 ? ' long' : '');
    els.numberUnit.textContent = unit;
    els.numberUnit.hidden = !unit;
    els.numberValue.setAttribute('aria-label', text ? 'Your number: ' + said : 'Your number: none yet');
    var keys = els.keypad.querySelectorAll('.key');
    for (var i = 0; i < keys.length; i++) keys[i].disabled = state !== 'choose';
    els.numberBack.disabled = state !== 'choose' || !text;
    els.numberLock.disabled = state !== 'choose' || typedValue(text) == null;
    els.numberLock.textContent = state === 'pending' ? 'Sending\u2026' : 'Lock in';
    setMark(els.numberShow, 'badge', state === 'locked' ? '\u2713 LOCKED' : null);
  }

  // The final's stake: this phone's own, typed or picked (nothing, half, all), then sent.
  function stakeOf(v) {
    var st = v && v.stake && typeof v.stake === 'object' ? v.stake : null;
    return st && int(st.question, -1) >= 0 ? st : null;
  }
  function draftStake(qi, staked) {
    if (!stakeDraft || stakeDraft.q !== qi) stakeDraft = { q: qi, text: staked != null ? String(staked) : '' };
    return stakeDraft;
  }
  // The typed stake as whole points within 0..max: {points} or {error}; null when empty.
  function parseStake(text, max) {
    var t = String(text).replace(/[\s,]/g, '');
    if (!t) return null;
    if (!/^[0-9]+$/.test(t)) return { error: 'Whole points only, from 0 to ' + fmtInt(max) };
    var n = Number(t);
    if (!isFinite(n) || n > max) return { error: 'Too many: at most ' + fmtInt(max) };
    return { points: n };
  }
  function stakedOf(st) {
    return typeof st.staked === 'number' && isFinite(st.staked) && st.staked >= 0 ? Math.round(st.staked) : null;
  }
  function renderWager(v, you) {
    var st = stakeOf(v);
    if (you === 'removed' || !st) {
      setStatus(you === 'removed' ? 'Watching only' : 'The final', 'muted');
      renderCard('\u2026', '', 'The final', you === 'removed' ? 'The host took you out of this game.' : str(v.note));
      return;
    }
    var qi = int(st.question, -1), max = Math.max(0, int(st.max, 0)), staked = stakedOf(st);
    var d = draftStake(qi, staked);
    var pending = pendingStake && pendingStake.q === qi ? pendingStake : null;
    if (staked != null && !pending) setStatus('Stake placed \u2713', 'good');
    else setStatus('Place your stake', 'gold');
    show('wager');
    els.wagerCategory.textContent = str(st.category) || 'A mystery';
    els.stakeMax.textContent = 'Max ' + fmtInt(max);
    var half = Math.floor(max / 2);
    els.stakeHalfPts.textContent = fmtInt(half);
    els.stakeAllPts.textContent = fmtInt(max);
    els.stakeNone.setAttribute('aria-label', 'Stake nothing: 0');
    els.stakeHalf.setAttribute('aria-label', 'Stake half: ' + fmtInt(half));
    els.stakeAll.setAttribute('aria-label', 'Stake all: ' + fmtInt(max));
    if (els.stake.value !== d.text) els.stake.value = d.text;
    els.stake.disabled = !!pending;
    var quick = els.stakeQuick.querySelectorAll('.quick');
    for (var i = 0; i < quick.length; i++) quick[i].disabled = !!pending;
    var parsed = parseStake(d.text, max);
    var bad = !!(parsed && parsed.error);
    els.stake.setAttribute('aria-invalid', bad ? 'true' : 'false');
    setText(els.stakeHint, bad ? '\u2717 ' + parsed.error : parsed ? '' : 'Whole points from 0 to ' + fmtInt(max));
    els.stakeHint.className = bad ? 'bad' : '';
    var same = parsed && !bad && parsed.points === staked;
    els.stakeSend.disabled = !!pending || !parsed || bad || same;
    els.stakeSend.textContent = pending ? 'Staking\u2026' : 'Stake';
    if (pending) {
      setText(els.stakeSaid, 'Staking ' + fmtInt(pending.points) + '\u2026');
      els.stakeSaid.className = '';
    } else if (staked != null) {
      setText(els.stakeSaid, 'Staked ' + fmtInt(staked) + ' \u2713 \u2014 you can change it until the question opens');
      els.stakeSaid.className = 'good';
    } else {
      setText(els.stakeSaid, 'Not staked yet: only you see your stake');
      els.stakeSaid.className = '';
    }
  }

  function onStakeTyped() {
    var v = view, st = stakeOf(v);
    if (!st || v.phase !== 'wager') return;
    draftStake(int(st.question, -1), stakedOf(st)).text = els.stake.value;
    render();
  }
  function onStakeQuick(which) {
    var v = view, st = stakeOf(v);
    if (!st || v.phase !== 'wager' || v.you !== 'stake' || pendingStake) return;
    var max = Math.max(0, int(st.max, 0));
    var points = which === 'all' ? max : which === 'half' ? Math.floor(max / 2) : 0;
    draftStake(int(st.question, -1), stakedOf(st)).text = String(points);
    vibrate(8);
    render();
  }
  function onStakeSend() {
    var v = view, st = stakeOf(v);
    if (!v || !seated || !st || v.phase !== 'wager' || v.you !== 'stake') return;
    var qi = int(st.question, -1);
    if (pendingStake && pendingStake.q === qi && now() - pendingStake.at < ANSWER_PENDING_MS) return;
    var parsed = parseStake(draftStake(qi, stakedOf(st)).text, Math.max(0, int(st.max, 0)));
    if (!parsed || parsed.error || parsed.points === stakedOf(st)) { render(); return; }
    if (!send({ type: 'stake', question: qi, points: parsed.points })) return;
    pendingStake = { q: qi, points: parsed.points, at: now() };
    try { els.stake.blur(); } catch (e) { /* ignore */ }
    vibrate(25);
    render();
    var mine = pendingStake;
    setTimeout(function () {
      if (pendingStake === mine) { pendingStake = null; render(); }
    }, ANSWER_PENDING_MS + 50);
  }

  function renderBuzz(state) {
    show('buzz');
    var b = els.buzz;
    var pressed = state === 'buzz' && pendingBuzz != null;
    b.disabled = state !== 'buzz';
    b.classList.toggle('open', state === 'buzz' && !pressed);
    b.classList.toggle('pressed', pressed);
    b.classList.toggle('gathering', state === 'gathering');
    els.buzzBig.textContent = state === 'gathering' ? '\u2022\u2022\u2022' : 'BUZZ';
    els.buzzSmall.textContent = state === 'reading' ? 'not yet' : pressed ? 'sent' : '';
    b.setAttribute('aria-label', state === 'reading' ? 'Buzz (wait for it)' : 'Buzz');
  }

  function renderResult(v, phase, you) {
    var r = v.result && typeof v.result === 'object' ? v.result : null;
    var verdict = '', tone = '', icon = '\u2013', iconTone = '';
    var kind = r ? kindOf(r) : 'choice';
    if (r) {
      if (r.skipped) { verdict = 'Skipped by the host'; tone = 'muted'; icon = '\u00BB'; }
      else if (r.correct) { verdict = 'Right! ' + signed(r.points); tone = 'good'; icon = '\u2713'; iconTone = 'good'; }
      else if (r.partly) {
        // Points, but not all of it right: part of an order in place (partly right), a
        // number near enough (close), in the TV's words.
        verdict = '\u25D0 ' + (kind === 'number' ? 'Close ' : 'Partly right ') + signed(r.points); tone = 'gold'; icon = '\u25D0'; iconTone = 'partly';
      }
      else if (r.chosen == null && r.given == null) {
        verdict = 'No answer' + (int(r.points, 0) < 0 ? ' ' + signed(r.points) : '');
        tone = 'muted'; icon = '\u2013';
      } else {
        verdict = 'Wrong' + (int(r.points, 0) < 0 ? ' ' + signed(r.points) : '');
        tone = 'bad'; icon = '\u2715'; iconTone = 'bad';
      }
    }
    var rank = int(v.rank, 0);
    if (phase === 'finished') {
      setStatus(rank === 1 ? 'You won!' : 'Game over', 'gold');
    } else if (you === 'removed') {
      setStatus('Watching only', 'muted');
    } else if (phase === 'scoreboard') {
      setStatus('Scoreboard', 'gold');
    } else if (r) {
      setStatus(verdict, tone);
    } else {
      setStatus('Watch the TV', 'muted');
    }

    show('card');
    clear(els.card);
    var standing = phase === 'scoreboard' || phase === 'finished';
    if (standing && rank >= 1) {
      var place = el('div', 'place', ordinal(rank));
      var players = int(v.players, 0);
      if (players) place.appendChild(el('small', null, ' of ' + players));
      els.card.appendChild(place);
      els.card.appendChild(el('div', 'summary', summaryText(v)));
    } else if (phase === 'reveal' && r) {
      els.card.appendChild(el('div', 'icon' + (iconTone ? ' ' + iconTone : ''), icon));
    } else if (phase === 'reveal' && you !== 'removed') {
      // The final's reveal goes one seat at a time: this phone's turn has not come yet.
      els.card.appendChild(el('div', 'icon', '\u2026'));
      els.card.appendChild(el('div', 'title', str(v.note) || 'Watch the TV'));
    }
    if (r) {
      if (phase !== 'reveal' || you === 'removed') {
        if (standing && rank >= 1) els.card.appendChild(el('div', 'rule'));
        els.card.appendChild(el('div', 'label', 'Last question'));
        els.card.appendChild(el('div', 'title ' + (tone === 'good' ? 'good' : tone === 'bad' ? 'bad' : tone === 'gold' ? 'partly' : ''), verdict));
      }
      if (kind !== 'choice') renderGiven(r, kind);
      var right = kind === 'choice' ? int(r.right, -1) : -1;
      if (right >= 0 && right < 4) {
        els.card.appendChild(el('div', 'label', 'Right answer'));
        var row = el('div', 'answer');
        row.appendChild(chip(right, false));
        var texts = textsCache[int(r.question, -1)];
        if (!texts && v.question && Array.isArray(v.question.texts)) texts = v.question.texts;
        var t = texts ? str(texts[right]) : '';
        if (t) row.appendChild(el('span', 'text', t));
        els.card.appendChild(row);
      }
      var chosen = kind === 'choice' && typeof r.chosen === 'number' ? r.chosen : null;
      if (chosen != null && chosen >= 0 && chosen < 4 && !r.correct && !r.skipped) {
        var picked = el('div', 'picked');
        picked.appendChild(document.createTextNode('You picked'));
        picked.appendChild(chip(chosen, true));
        els.card.appendChild(picked);
      }
    }
    if (!(standing && rank >= 1)) {
      if (r) els.card.appendChild(el('div', 'rule'));
      els.card.appendChild(el('div', 'summary', summaryText(v)));
    }
    if (you === 'removed') els.card.appendChild(el('div', 'line', 'The host took you out of this game.'));
  }

  // An order's or a number's reveal: the right answer, then this phone's own.
  function chipRow(items, what) {
    var row = el('div', 'chips');
    row.setAttribute('role', 'img');
    row.setAttribute('aria-label', what + ': ' + lettersOf(items));
    for (var i = 0; i < items.length; i++) {
      if (i) { var to = el('span', 'to', '\u2192'); to.setAttribute('aria-hidden', 'true'); row.appendChild(to); }
      var c = chip(items[i], true);
      c.setAttribute('aria-hidden', 'true');
      row.appendChild(c);
    }
    return row;
  }
  function renderGiven(r, kind) {
    var rightText = str(r.right_text), given = str(r.given);
    if (kind === 'order') {
      var right = orderItems(r.right_order, 4);
      els.card.appendChild(el('div', 'label', 'Right order'));
      if (right && right.length) els.card.appendChild(chipRow(right, 'Right order'));
      if (rightText) els.card.appendChild(el('div', 'words', rightText));
      var mine = orderItems(r.given_order, 4);
      if (!r.skipped && mine && mine.length && !r.correct) {
        var yours = el('div', 'yours');
        yours.appendChild(el('div', 'label', 'Your order'));
        yours.appendChild(chipRow(mine, 'Your order'));
        if (right && right.length === mine.length) {
          var inPlace = 0;
          for (var i = 0; i < mine.length; i++) if (mine[i] === right[i]) inPlace++;
          yours.appendChild(el('div', 'line', inPlace + ' of ' + mine.length + ' in the right place'));
        }
        els.card.appendChild(yours);
      }
    } else {
      els.card.appendChild(el('div', 'label', 'Right answer'));
      if (rightText) els.card.appendChild(el('div', 'number-answer', rightText));
      if (!r.skipped && given && !r.correct) {
        var you = el('div', 'yours');
        you.appendChild(el('div', 'label', 'You said'));
        you.appendChild(el('div', 'number-answer', given));
        els.card.appendChild(you);
      }
    }
  }

  // ---------- countdown ----------
  function tick() {
    var v = view;
    var q = v && v.question && typeof v.question === 'object' ? v.question : null;
    if (!q || v.phase !== 'question') {
      if (els.timer.textContent) els.timer.textContent = '';
      els.timer.className = '';
      els.timebar.hidden = true;
      return;
    }
    var rem = Math.max(0, int(q.remaining_ms, 0));
    if (q.paused) {
      els.timer.textContent = 'Paused';
      els.timer.className = 'paused';
    } else {
      rem = Math.max(0, rem - (now() - viewAt));
      var secs = Math.ceil(rem / 1000);
      var text = String(secs);
      if (els.timer.textContent !== text) els.timer.textContent = text;
      els.timer.className = secs <= 5 ? 'urgent' : '';
    }
    if (clock.total > 0) {
      els.timebar.hidden = false;
      var frac = Math.max(0, Math.min(1, rem / clock.total));
      els.timefill.style.transform = 'scaleX(' + frac.toFixed(4) + ')';
      els.timebar.className = (!q.paused && rem <= 5000) ? 'urgent' : '';
    } else {
      els.timebar.hidden = true;
    }
  }
  setInterval(tick, 200);

  // ---------- taps ----------
  function onOption(i) {
    var v = view;
    if (!v || !seated || v.phase !== 'question') return;
    var q = v.question;
    if (q && kindOf(q) === 'order') { onOrderItem(i); return; }
    if (!q || kindOf(q) !== 'choice') return;
    if ((v.you !== 'choose' && v.you !== 'answer') || v.locked != null) return;
    var n = Math.max(2, Math.min(4, int(q.options, 4)));
    if (i < 0 || i >= n) return;
    var qi = int(q.index, -1);
    if (qi < 0) return;
    if (pendingAnswer && pendingAnswer.q === qi && now() - pendingAnswer.at < ANSWER_PENDING_MS) return;
    if (!send({ type: 'answer', question: qi, option: i })) return;
    pendingAnswer = { q: qi, option: i, at: now() };
    vibrate(25);
    render();
    var mine = pendingAnswer;
    setTimeout(function () {
      if (pendingAnswer === mine) { pendingAnswer = null; render(); }
    }, ANSWER_PENDING_MS + 50);
  }

  // The open order or number question this phone may answer now, or null.
  function answering(kind) {
    var v = view;
    if (!v || !seated || v.phase !== 'question' || v.you !== 'choose') return null;
    var q = v.question;
    if (!q || kindOf(q) !== kind) return null;
    var qi = int(q.index, -1);
    return qi < 0 ? null : { q: q, qi: qi };
  }

  function onOrderItem(i) {
    var a = answering('order');
    if (!a || (pendingOrder && pendingOrder.q === a.qi)) return;
    var n = orderCount(a.q);
    var d = draftOrder(a.qi);
    if (i < 0 || i >= n || d.picked.indexOf(i) >= 0 || d.picked.length >= n) return;
    d.picked.push(i);
    if (d.picked.length === n) {
      // The last item sends the whole order, stamped by the game as it arrives.
      var items = d.picked.slice();
      if (!send({ type: 'order', question: a.qi, items: items })) {
        d.picked.pop();
        render();
        return;
      }
      pendingOrder = { q: a.qi, items: items, at: now() };
      vibrate(25);
      var mine = pendingOrder;
      setTimeout(function () {
        if (pendingOrder !== mine) return;
        // Not confirmed: take the last item back so that tapping it again resends.
        pendingOrder = null;
        if (orderDraft && orderDraft.q === mine.q && orderDraft.picked.length === mine.items.length) orderDraft.picked.pop();
        render();
      }, ANSWER_PENDING_MS + 50);
    } else {
      vibrate(12);
    }
    render();
  }

  function onOrderUndo() {
    var a = answering('order');
    if (!a || (pendingOrder && pendingOrder.q === a.qi)) return;
    if (draftOrder(a.qi).picked.pop() != null) vibrate(8);
    render();
  }

  // One keypad key: a digit, '.', '-' (the sign) or 'back'; as the game's number entry
  // does: 12 digits at most, one point.
  function onKey(k) {
    var a = answering('number');
    if (!a || (pendingNumber && pendingNumber.q === a.qi)) return;
    var d = draftNumber(a.qi), t = d.text;
    if (/^[0-9]$/.test(k)) {
      if (t.replace(/[^0-9]/g, '').length >= 12) return;
      if (t === '0') t = k;
      else if (t === '-0') t = '-' + k;
      else t += k;
    } else if (k === '.') {
      if (t.indexOf('.') >= 0) return;
      t += (t === '' || t === '-') ? '0.' : '.';
    } else if (k === '-') {
      t = t.charAt(0) === '-' ? t.slice(1) : '-' + t;
    } else if (k === 'back') {
      if (!t) return;
      t = t.slice(0, -1);
    } else {
      return;
    }
    d.text = t;
    vibrate(8);
    render();
  }

  function onNumberLock() {
    var a = answering('number');
    if (!a) return;
    if (pendingNumber && pendingNumber.q === a.qi && now() - pendingNumber.at < ANSWER_PENDING_MS) return;
    var value = typedValue(draftNumber(a.qi).text);
    if (value == null) return;
    if (!send({ type: 'number', question: a.qi, value: value })) return;
    pendingNumber = { q: a.qi, value: value, at: now() };
    vibrate(25);
    render();
    var mine = pendingNumber;
    setTimeout(function () {
      if (pendingNumber === mine) { pendingNumber = null; render(); }
    }, ANSWER_PENDING_MS + 50);
  }

  var lastBuzzPress = 0;
  function onBuzz() {
    var t = now();
    if (t - lastBuzzPress < 350) return; // pointerdown and its click are one tap
    lastBuzzPress = t;
    var v = view;
    if (!v || !seated || v.phase !== 'question' || v.you !== 'buzz' || !v.question) return;
    var qi = int(v.question.index, -1);
    if (qi < 0) return;
    if (pendingBuzz && pendingBuzz.q === qi && t - pendingBuzz.at < BUZZ_PENDING_MS) return;
    if (!send({ type: 'buzz', question: qi })) return;
    pendingBuzz = { q: qi, at: t };
    vibrate(40);
    render();
    var mine = pendingBuzz;
    setTimeout(function () {
      if (pendingBuzz === mine) { pendingBuzz = null; render(); }
    }, BUZZ_PENDING_MS + 50);
  }

  for (var k = 0; k < 4; k++) {
    (function (i) {
      optionButtons[i].addEventListener('click', function (e) { e.preventDefault(); onOption(i); });
    })(k);
  }
  els.orderUndo.addEventListener('click', function (e) { e.preventDefault(); onOrderUndo(); });
  els.keypad.addEventListener('click', function (e) {
    var t = e.target;
    while (t && t !== els.keypad && !(t.dataset && t.dataset.key)) t = t.parentNode;
    if (t && t !== els.keypad) { e.preventDefault(); onKey(t.dataset.key); }
  });
  els.numberBack.addEventListener('click', function (e) { e.preventDefault(); onKey('back'); });
  els.numberLock.addEventListener('click', function (e) { e.preventDefault(); onNumberLock(); });
  els.stake.addEventListener('input', onStakeTyped);
  els.wager.addEventListener('submit', function (e) { e.preventDefault(); onStakeSend(); });
  els.stakeQuick.addEventListener('click', function (e) {
    var t = e.target;
    while (t && t !== els.stakeQuick && !(t.dataset && t.dataset.stake)) t = t.parentNode;
    if (t && t !== els.stakeQuick) { e.preventDefault(); onStakeQuick(t.dataset.stake); }
  });
  // Buzz on press, not release: every millisecond counts.
  if (window.PointerEvent) {
    els.buzz.addEventListener('pointerdown', function (e) {
      if (e.button !== undefined && e.button > 0) return;
      onBuzz();
    });
  } else {
    els.buzz.addEventListener('touchstart', function () { onBuzz(); }, { passive: true });
  }
  els.buzz.addEventListener('click', function (e) { e.preventDefault(); onBuzz(); });

  document.addEventListener('keydown', function (e) {
    var tag = e.target && e.target.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || e.repeat || e.ctrlKey || e.metaKey || e.altKey) return;
    if (!view) return;
    var key = (e.key || '').toLowerCase();
    var kind = view.phase === 'question' ? kindOf(view.question) : 'choice';
    if (kind === 'number') {
      if (/^[0-9]$/.test(key) || key === '.' || key === ',' || key === '-') { e.preventDefault(); onKey(key === ',' ? '.' : key); }
      else if (key === 'backspace') { e.preventDefault(); onKey('back'); }
      else if (key === 'enter') { e.preventDefault(); onNumberLock(); }
      return;
    }
    if (kind === 'order' && key === 'backspace') { e.preventDefault(); onOrderUndo(); return; }
    var i = 'abcd'.indexOf(key);
    if (i < 0) i = '1234'.indexOf(key);
    if (i >= 0 && key.length === 1) { onOption(i); return; }
    if ((key === ' ' || key === 'enter') && view.you === 'buzz') { e.preventDefault(); onBuzz(); }
  });

  // ---------- join form ----------
  els.form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (els.join.disabled || kicked) return;
    var name = els.name.value.replace(/\s+/g, ' ').trim();
    if (!name) { setMessage('Type your name first.', 'bad'); try { els.name.focus(); } catch (x) { /* ignore */ } return; }
    var room = els.room.value.toUpperCase().replace(/[^A-Z]/g, '');
    if (room.length !== 4) {
      showRoomField(true);
      setMessage('Type the 4-letter room code shown on the TV.', 'bad');
      return;
    }
    try { if (document.activeElement) document.activeElement.blur(); } catch (x) { /* ignore */ }
    store.set(NAME_KEY, name);
    joinRequest = { room: room, name: name };
    mode = 'join';
    setJoinBusy(true);
    setMessage('', '');
    keepAwake();
    connect();
  });
  els.tryAgain.addEventListener('click', function () {
    kicked = false;
    showJoinForm('', '');
  });
  els.rejoin.addEventListener('click', function () { reconnectNow(true); });

  // ---------- staying connected ----------
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') {
      keepAwake();
      reconnectNow(false);
    }
  });
  window.addEventListener('online', function () { reconnectNow(false); });
  window.addEventListener('pageshow', function (e) { if (e.persisted) reconnectNow(false); });
  window.addEventListener('focus', function () { reconnectNow(false); });

  // ---------- screen awake ----------
  var wakeLock = null, wakeAsking = false;
  function keepAwake() {
    if (wakeLock || wakeAsking) return;
    if (!('wakeLock' in navigator) || !navigator.wakeLock || typeof navigator.wakeLock.request !== 'function') return;
    if (document.visibilityState !== 'visible') return;
    wakeAsking = true;
    try {
      navigator.wakeLock.request('screen').then(function (lock) {
        wakeAsking = false;
        wakeLock = lock;
        try { lock.addEventListener('release', function () { wakeLock = null; }); } catch (e) { /* ignore */ }
      }, function () { wakeAsking = false; });
    } catch (e) { wakeAsking = false; }
  }
  // Some browsers grant it only after a tap.
  document.addEventListener('pointerup', keepAwake);

  // No pinch or double-tap zoom (iOS ignores user-scalable=no).
  document.addEventListener('gesturestart', function (e) { e.preventDefault(); });
  document.addEventListener('dblclick', function (e) { e.preventDefault(); });

  // Older browsers without dynamic viewport units: fit the visible height.
  if (!(window.CSS && CSS.supports && CSS.supports('height', '100dvh'))) {
    var fit = function () { $('app').style.height = window.innerHeight + 'px'; };
    window.addEventListener('resize', fit);
    fit();
  }

  // ---------- start ----------
  els.name.value = store.get(NAME_KEY) || '';
  keepAwake();
  if (token) {
    mode = 'resume';
    showStart({ spin: true, message: 'Reconnecting\u2026' });
    connect();
  } else {
    showJoinForm('', '');
  }
})();
