// The playground's page: draws the emulator's chats like Telegram and
// sends what the visitor does through /playground/api. Every text comes
// from the boot data (the locale files); message texts arrive as HTML
// already made safe by the server (emulator.RenderHTML).
"use strict";

(() => {
  const boot = JSON.parse(document.getElementById("boot").textContent);
  const api = boot.prefix + "/api";
  const $ = (id) => document.getElementById(id);
  const svgNS = "http://www.w3.org/2000/svg";

  // t returns a page text, with {name}-style blanks filled.
  const t = (key, args = {}) => {
    let s = boot.strings[key] ?? key;
    for (const [k, v] of Object.entries(args)) s = s.replaceAll("{" + k + "}", v);
    return s;
  };

  const state = {
    chats: new Map(), // id -> {info, messages: [] | null, unread}
    order: [],
    current: null,
    since: 0,
    replyTo: null,
    as: null, // the staff member the visitor plays in the group
  };

  // ---- talking to the server ----

  class APIError extends Error {
    constructor(code, message) { super(message); this.code = code; }
  }

  async function request(path, init) {
    const res = await fetch(api + path, init);
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      const e = body.error || {};
      throw new APIError(e.code || "generic", e.message || res.statusText);
    }
    return body;
  }
  const getJSON = (path) => request(path, { headers: { Accept: "application/json" } });
  const postJSON = (path, obj) => request(path, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(obj),
  });
  const postForm = (path, form) => request(path, { method: "POST", body: form });

  function errorText(err) {
    const key = "error." + (err && err.code);
    return boot.strings[key] ? t(key) : t("error.generic");
  }

  // ---- helpers ----

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c) e.append(c);
    return e;
  }
  function svg(tag, attrs = {}) {
    const e = document.createElementNS(svgNS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  }
  const time = (unix) => new Date(unix * 1000).toLocaleTimeString(boot.lang, { hour: "2-digit", minute: "2-digit" });
  const initials = (name) => name.split(/[\s(]+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join("");
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  let toastTimer;
  function toast(text, isError) {
    const box = $("toast");
    box.textContent = text;
    box.classList.toggle("error", !!isError);
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { box.hidden = true; }, 3500);
  }
  function alertBox(text) {
    $("alert-title").textContent = t("alert_title");
    $("alert-text").textContent = text;
    $("alert-dialog").showModal();
  }

  // ---- the map: the same projection as mapview.go ----

  const map = boot.map;
  const project = (lat, lon) => ({ x: (lon - map.min_lon) * map.lon_scale * map.scale, y: (map.max_lat - lat) * map.scale });
  const unproject = (x, y) => ({ lat: map.max_lat - y / map.scale, lon: map.min_lon + x / (map.scale * map.lon_scale) });

  function pin(g, x, y, size) {
    g.append(svg("path", { class: "pin-head", d: `M${x} ${y}c${-size * 0.9} ${-size * 1.2} ${-size} ${-size * 1.6} ${-size} ${-size * 2}a${size} ${size} 0 1 1 ${size * 2} 0c0 ${size * 0.4} ${-size * 0.1} ${size * 0.8} ${-size} ${size * 2}z` }));
    g.append(svg("circle", { class: "pin-dot", cx: x, cy: y - size * 2, r: size * 0.38 }));
  }

  function miniMap(loc) {
    const { x, y } = project(loc.lat, loc.lon);
    const inside = x >= 0 && y >= 0 && x <= map.width && y <= map.height;
    const fig = el("figure", { class: "location" });
    if (inside) {
      // A close-up around the point, as Telegram's location previews are.
      const w = Math.max(map.width, map.height) * 0.5, h = w * 0.6;
      const s = svg("svg", { viewBox: `${x - w / 2} ${y - h / 2} ${w} ${h}`, role: "img", "aria-label": t("location.pin") });
      s.append(svg("use", { href: "#map-base" }));
      const g = svg("g");
      pin(g, x, y, w / 22);
      s.append(g);
      fig.append(s);
    }
    const cap = el("figcaption");
    if (loc.title) cap.append(el("strong", { text: loc.title }));
    if (loc.address) cap.append(el("span", { text: loc.address + " " }));
    cap.append(el("span", { class: "coords-text", text: `📍 ${loc.lat.toFixed(5)}, ${loc.lon.toFixed(5)}` }));
    fig.append(cap);
    return fig;
  }

  // ---- chats ----

  function isMine(chat, m) {
    if (!m.from || m.from_bot) return false;
    return chat.info.kind === "group" ? String(m.from.id) === String(state.as) : true;
  }

  function preview(m) {
    if (!m) return t("no_messages");
    if (m.plain) return m.plain.split("\n")[0];
    if (m.photo) return t("preview.photo");
    if (m.location) return t("preview.location");
    if (m.document) return t("preview.document");
    if (m.sticker) return m.sticker + " " + t("preview.sticker");
    if (m.voice) return t("preview.voice");
    if (m.contact) return t("preview.contact");
    return "";
  }

  function avatar(info, cls = "") {
    const idx = Math.abs(Number(BigInt(info.id) % 6n));
    const a = el("span", { class: `avatar ${info.kind === "group" ? "group" : "c" + idx} ${cls}`, "aria-hidden": "true" });
    if (info.kind === "group") {
      const icon = svg("svg", { class: "icon" });
      icon.append(svg("use", { href: "#icon-group" }));
      a.append(icon);
    } else {
      a.textContent = initials(info.title);
    }
    return a;
  }

  function subtitle(info) {
    return info.kind === "group" ? t("subtitle_group") : t("subtitle_private", { name: t("lang." + info.lang) });
  }

  function renderList() {
    const list = $("chat-list");
    list.replaceChildren();
    for (const id of state.order) {
      const chat = state.chats.get(id);
      const info = chat.info;
      const last = info.last;
      let pre = preview(last);
      if (last && isMine(chat, last)) pre = t("you") + ": " + pre;
      else if (last && info.kind === "group" && last.from) pre = last.from.name + ": " + pre;
      const side = el("span", { class: "chat-side" },
        last ? el("span", { class: "chat-time", text: time(last.date) }) : null,
        chat.unread ? el("span", { class: "badge", "aria-label": t("unread", { count: chat.unread }), text: String(chat.unread) }) : null);
      const button = el("button", {
        type: "button", class: "chat-item", "data-chat": id, "aria-current": state.current === id ? "true" : "false",
        onclick: () => openChat(id),
      }, avatar(info), el("span", { class: "chat-main" },
        el("span", { class: "chat-title", text: info.title }),
        el("span", { class: "chat-preview", text: pre })), side);
      list.append(el("li", {}, button));
    }
  }

  async function loadChats() {
    const res = await getJSON("/chats");
    state.order = res.chats.map((c) => String(c.id));
    for (const info of res.chats) {
      const id = String(info.id);
      const old = state.chats.get(id);
      state.chats.set(id, { info, messages: null, unread: old ? old.unread : 0 });
      if (info.kind === "group" && !state.as && info.members && info.members.length) state.as = String(info.members[0].id);
    }
    state.since = res.seq;
    renderList();
    if (state.current) await openChat(state.current, true);
  }

  async function openChat(id, keepView) {
    const chat = state.chats.get(id);
    if (!chat) return;
    const switching = state.current !== id;
    state.current = id;
    chat.unread = 0;
    if (switching) {
      cancelReply();
      $("toast").hidden = true;
    }
    $("app").dataset.view = "chat";
    $("empty-state").hidden = true;
    for (const n of ["conv-header", "messages", "composer"]) $(n).hidden = false;
    const info = chat.info;
    $("conv-title").textContent = info.title;
    $("conv-sub").textContent = subtitle(info);
    $("conv-avatar").replaceWith(Object.assign(avatar(info), { id: "conv-avatar" }));
    const group = info.kind === "group";
    $("write-as").hidden = !group;
    $("locate").hidden = group;
    if (group) {
      const sel = $("staff-select");
      sel.replaceChildren(...info.members.map((m) => el("option", { value: m.id, text: m.name, selected: String(m.id) === state.as })));
    }
    renderList();
    if (switching || !chat.messages) {
      $("messages").replaceChildren();
      rendered.clear();
      chat.pending = [];
      const res = await getJSON(`/chats/${id}/messages`);
      chat.messages = res.messages;
      // Events that arrived while loading, and are newer than the
      // snapshot, still apply.
      for (const ev of chat.pending) if (ev.seq > res.seq) upsert(chat, ev.message);
      chat.pending = null;
      if (state.current !== id) return;
    }
    renderMessages(true);
    if (!keepView) $("text").focus({ preventScroll: true });
  }

  // ---- messages ----

  const rendered = new Map(); // message id -> {key, node}

  function upsert(chat, m) {
    if (!chat.messages) return;
    const i = chat.messages.findIndex((x) => x.id === m.id);
    if (i >= 0) { chat.messages[i] = m; return; }
    let at = chat.messages.length;
    while (at > 0 && chat.messages[at - 1].id > m.id) at--;
    chat.messages.splice(at, 0, m);
  }

  function renderMessages(toBottom) {
    const chat = state.chats.get(state.current);
    if (!chat || !chat.messages) return;
    const box = $("messages");
    const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 120;
    const seen = new Set();
    let prev = null;
    for (const m of chat.messages) {
      seen.add(m.id);
      const key = JSON.stringify(m) + state.as;
      let r = rendered.get(m.id);
      if (!r || r.key !== key) {
        const node = messageNode(chat, m);
        if (r) {
          const focused = r.node.contains(document.activeElement) ? document.activeElement : null;
          r.node.replaceWith(node);
          if (focused) refocus(focused, node);
        }
        r = { key, node };
        rendered.set(m.id, r);
      }
      const want = prev ? prev.nextSibling : box.firstChild;
      if (want !== r.node) box.insertBefore(r.node, want);
      prev = r.node;
    }
    for (const [id, r] of rendered) if (!seen.has(id)) { r.node.remove(); rendered.delete(id); }
    box.querySelector(".start-card")?.remove();
    if (chat.messages.length === 0) box.append(emptyCard(chat));
    renderKeyboard(chat);
    if (toBottom || nearBottom) box.scrollTop = box.scrollHeight;
  }

  // refocus puts the focus back on the same button of a redrawn message,
  // so that a keyboard user who pressed a button keeps their place.
  function refocus(old, node) {
    const path = old.dataset.pos;
    const same = path && node.querySelector(`[data-pos="${path}"]`);
    (same || node.querySelector("button") || $("text")).focus({ preventScroll: true });
  }

  function emptyCard(chat) {
    if (chat.info.kind === "group") return el("div", { class: "start-card" }, el("p", { text: t("group_empty") }));
    return el("div", { class: "start-card" },
      el("button", { type: "button", class: "start-button", text: t("start"), onclick: () => sendText("/start") }));
  }

  function quote(chat, m) {
    const to = chat.messages.find((x) => x.id === m.reply_to_id);
    const name = !to ? "…" : to.from_bot ? boot.bot_name : to.from ? to.from.name : "";
    return el("button", {
      type: "button", class: "quote", onclick: () => flash(m.reply_to_id),
    }, el("strong", { text: name }), el("span", { text: to ? preview(to) : "" }));
  }

  function flash(id) {
    const r = rendered.get(id);
    if (!r) return;
    r.node.scrollIntoView({ block: "center", behavior: "smooth" });
    r.node.classList.remove("flash");
    void r.node.offsetWidth;
    r.node.classList.add("flash");
  }

  function messageNode(chat, m) {
    const mine = isMine(chat, m);
    if (m.service) return el("div", { class: "msg service", "data-id": m.id }, el("div", { class: "bubble", text: "⬆" }));
    const bubble = el("div", { class: "bubble" });
    if (chat.info.kind === "group" && !mine) {
      bubble.append(el("div", { class: m.from_bot ? "sender bot" : "sender", text: m.from_bot ? boot.bot_name : m.from ? m.from.name : "" }));
    }
    if (m.forwarded) bubble.append(el("div", { class: "forwarded", text: t("forwarded") }));
    if (m.reply_to_id) bubble.append(quote(chat, m));
    if (m.photo) {
      bubble.append(el("a", { class: "photo", href: m.photo.url, target: "_blank", rel: "noopener", "aria-label": t("open_photo") },
        el("img", { src: m.photo.url, alt: m.plain || t("photo_alt"), width: m.photo.width, height: m.photo.height, loading: "lazy" })));
    }
    if (m.location) bubble.append(miniMap(m.location));
    if (m.document) {
      bubble.append(el("a", { class: "doc", href: m.document.url, download: m.document.name || true },
        el("span", { class: "doc-icon", "aria-hidden": "true", text: "📄" }),
        el("span", {}, document.createTextNode(m.document.name || t("preview.document")),
          el("small", { text: `${t("download")} · ${Math.max(1, Math.round(m.document.size / 1024))} KB` }))));
    }
    if (m.sticker) bubble.append(el("div", { class: "sticker", text: m.sticker }));
    if (m.voice) bubble.append(el("div", { text: "🎤 " + t("voice") }));
    if (m.contact) bubble.append(el("div", { text: `👤 ${m.contact.name} · ${m.contact.phone}` }));
    if (m.html) {
      const text = el("div", { class: "text" });
      text.innerHTML = m.html; // safe: emulator.RenderHTML escapes everything
      if (m.from_bot) linkCommands(text);
      for (const s of text.querySelectorAll(".spoiler")) s.addEventListener("click", () => s.classList.add("shown"));
      bubble.append(text);
    }
    bubble.append(el("div", { class: "meta" },
      m.edited ? el("span", { text: t("edited") }) : null,
      el("time", { datetime: new Date(m.date * 1000).toISOString(), title: t("sent_at", { time: time(m.date) }), text: time(m.date) })));
    const node = el("div", { class: "msg " + (mine ? "out" : "in"), "data-id": m.id }, bubble);
    if (m.inline_keyboard) node.append(inlineKeyboard(chat, m));
    if (chat.info.kind === "group") {
      node.append(el("button", { type: "button", class: "reply-action", "data-pos": "reply", onclick: () => startReply(chat, m), text: "↩ " + t("reply") }));
    }
    return node;
  }

  // linkCommands makes /commands in the bot's texts tappable, as
  // Telegram does: tapping sends the command.
  function linkCommands(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) {
      if (!walker.currentNode.parentElement.closest("a, code, pre")) nodes.push(walker.currentNode);
    }
    const re = /(^|[\s(])(\/[a-z0-9_]{1,32})(?![\w/])/gi;
    for (const n of nodes) {
      const s = n.nodeValue;
      if (!re.test(s)) continue;
      re.lastIndex = 0;
      const frag = document.createDocumentFragment();
      let last = 0;
      for (const match of s.matchAll(re)) {
        const start = match.index + match[1].length;
        frag.append(s.slice(last, start));
        const cmd = match[2];
        frag.append(el("button", { type: "button", class: "command", onclick: () => sendText(cmd), text: cmd }));
        last = start + cmd.length;
      }
      frag.append(s.slice(last));
      n.replaceWith(frag);
    }
  }

  function inlineKeyboard(chat, m) {
    const kb = el("div", { class: "inline-kb", role: "group" });
    m.inline_keyboard.forEach((row, r) => {
      const line = el("div", { class: "kb-row" });
      row.forEach((b, c) => {
        const pos = `${r}-${c}`;
        if (b.kind === "url") {
          line.append(el("a", { class: "inline-button", href: b.url, target: "_blank", rel: "noopener", title: t("open_link"), "data-pos": pos, text: b.text + " ↗" }));
        } else if (b.kind === "callback") {
          line.append(el("button", { type: "button", class: "inline-button", "data-pos": pos, text: b.text, onclick: (e) => press(chat, m, b, e.currentTarget) }));
        } else {
          line.append(el("button", { type: "button", class: "inline-button", disabled: true, title: t("button_unsupported"), text: b.text }));
        }
      });
      kb.append(line);
    });
    return kb;
  }

  async function press(chat, m, b, button) {
    button.classList.add("pending");
    try {
      const body = { message_id: m.id, data: b.data };
      if (chat.info.kind === "group") body.as = state.as;
      await postJSON(`/chats/${chat.info.id}/press`, body);
    } catch (err) {
      button.classList.remove("pending");
      toast(errorText(err), true);
    }
  }

  // currentKeyboard is the reply keyboard the person sees: the last one the
  // bot sent, unless removed since, or used once if it was one-time (the
  // rule of emulator.User.ReplyKeyboard).
  function currentKeyboard(msgs) {
    let wrote = false;
    for (let i = msgs.length - 1; i >= 0; i--) {
      const m = msgs[i];
      if (!m.from_bot) { wrote = true; continue; }
      if (m.remove_keyboard) return null;
      if (m.reply_keyboard) return m.one_time && wrote ? null : m;
    }
    return null;
  }

  function renderKeyboard(chat) {
    const box = $("reply-keyboard");
    const m = chat.info.kind === "private" ? currentKeyboard(chat.messages) : null;
    const key = m ? JSON.stringify(m.reply_keyboard) : "";
    $("text").placeholder = (m && m.placeholder) || t("input_placeholder");
    if (box.dataset.key === key) return;
    box.dataset.key = key;
    box.replaceChildren();
    box.hidden = !m;
    if (!m) return;
    for (const row of m.reply_keyboard) {
      const line = el("div", { class: "kb-row" });
      for (const b of row) {
        line.append(el("button", {
          type: "button", class: "key", text: b.text,
          onclick: () => (b.request_location ? openLocation() : b.request_contact ? shareContact() : sendText(b.text)),
        }));
      }
      box.append(line);
    }
  }

  // ---- sending ----

  function sent(res) {
    const chat = state.chats.get(state.current);
    if (!chat || !res.message) return;
    upsert(chat, res.message);
    chat.info.last = res.message;
    renderMessages(true);
    renderList();
  }

  async function sendText(text) {
    const id = state.current;
    const chat = state.chats.get(id);
    const body = { text };
    if (state.replyTo) body.reply_to = state.replyTo;
    if (chat.info.kind === "group") body.as = state.as;
    try {
      sent(await postJSON(`/chats/${id}/text`, body));
      cancelReply();
      return true;
    } catch (err) {
      toast(errorText(err), true);
      return false;
    }
  }

  async function shareContact() {
    try { sent(await postJSON(`/chats/${state.current}/contact`, {})); } catch (err) { toast(errorText(err), true); }
  }

  function startReply(chat, m) {
    state.replyTo = m.id;
    $("reply-bar").hidden = false;
    $("reply-bar-name").textContent = t("replying_to", { name: m.from_bot ? boot.bot_name : m.from ? m.from.name : "" });
    $("reply-bar-snippet").textContent = preview(m);
    $("text").focus();
  }
  function cancelReply() {
    state.replyTo = null;
    $("reply-bar").hidden = true;
  }

  // ---- the photo dialog ----

  let previewURL = null;
  function openPhoto() {
    $("photo-error").textContent = "";
    $("photo-caption").value = "";
    $("photo-file").value = "";
    $("photo-preview").hidden = true;
    const first = document.querySelector('#photo-form input[name="sample"]');
    if (first) first.checked = true;
    $("photo-dialog").showModal();
  }

  async function sendPhoto(ev) {
    ev.preventDefault();
    const form = new FormData();
    const file = $("photo-file").files[0];
    const sample = document.querySelector('#photo-form input[name="sample"]:checked');
    if (file) {
      if (file.size > 10 << 20) { $("photo-error").textContent = t("error.file_too_large"); return; }
      form.append("file", file);
    } else if (sample) {
      form.append("sample", sample.value);
    } else {
      $("photo-error").textContent = t("error.no_photo");
      return;
    }
    form.append("caption", $("photo-caption").value);
    const chat = state.chats.get(state.current);
    if (chat.info.kind === "group") {
      form.append("as", state.as);
      if (state.replyTo) form.append("reply_to", state.replyTo);
    }
    $("photo-send").disabled = true;
    try {
      sent(await postForm(`/chats/${state.current}/photo`, form));
      cancelReply();
      $("photo-dialog").close();
    } catch (err) {
      $("photo-error").textContent = errorText(err);
    } finally {
      $("photo-send").disabled = false;
    }
  }

  // ---- the location dialog ----

  function openLocation() {
    $("location-error").textContent = "";
    $("lat").value = "";
    $("lon").value = "";
    $("map-pick").setAttribute("hidden", "");
    $("location-dialog").showModal();
  }

  function placePick() {
    const lat = parseFloat($("lat").value), lon = parseFloat($("lon").value);
    const pick = $("map-pick");
    // An SVG element has no .hidden property: the attribute it is.
    if (Number.isNaN(lat) || Number.isNaN(lon)) { pick.setAttribute("hidden", ""); return; }
    const { x, y } = project(lat, lon);
    pick.setAttribute("transform", `translate(${x} ${y})`);
    pick.removeAttribute("hidden");
  }

  function clickMap(ev) {
    const s = $("location-map");
    const pt = s.createSVGPoint();
    pt.x = ev.clientX;
    pt.y = ev.clientY;
    const p = pt.matrixTransform(s.getScreenCTM().inverse());
    const { lat, lon } = unproject(p.x, p.y);
    $("lat").value = lat.toFixed(5);
    $("lon").value = lon.toFixed(5);
    $("location-error").textContent = "";
    placePick();
  }

  async function sendLocation(body) {
    try {
      sent(await postJSON(`/chats/${state.current}/location`, body));
      $("location-dialog").close();
    } catch (err) {
      $("location-error").textContent = errorText(err);
    }
  }

  function submitLocation(ev) {
    ev.preventDefault();
    const lat = parseFloat($("lat").value), lon = parseFloat($("lon").value);
    if (Number.isNaN(lat) || Number.isNaN(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      $("location-error").textContent = t("error.bad_location");
      return;
    }
    sendLocation({ lat, lon });
  }

  // ---- live updates ----

  function apply(ev) {
    const id = String(ev.chat_id);
    const chat = state.chats.get(id);
    if (!chat) return false;
    const m = ev.message;
    switch (ev.kind) {
      case "message":
      case "edit":
        if (!m) return false;
        if (chat.pending) chat.pending.push(ev);
        upsert(chat, m);
        if (!chat.info.last || m.id >= chat.info.last.id) chat.info.last = m;
        if (ev.kind === "message" && id !== state.current && !isMine(chat, m)) chat.unread++;
        return true;
      case "delete":
        if (chat.messages && m) chat.messages = chat.messages.filter((x) => x.id !== m.id);
        return true;
      case "callback_answer":
        if (id === state.current && ev.answer && ev.answer.text) {
          if (ev.answer.show_alert) alertBox(ev.answer.text); else toast(ev.answer.text);
        }
        for (const b of document.querySelectorAll(".inline-button.pending")) b.classList.remove("pending");
        return false;
    }
    return false;
  }

  async function poll() {
    for (;;) {
      try {
        const res = await getJSON(`/events?since=${state.since}`);
        if (res.reset) {
          for (const chat of state.chats.values()) chat.messages = null;
          await loadChats();
          continue;
        }
        let changed = false;
        for (const ev of res.events) changed = apply(ev) || changed;
        state.since = res.next;
        if (changed) {
          renderList();
          renderMessages(false);
        }
        if ($("toast").dataset.offline) { $("toast").hidden = true; delete $("toast").dataset.offline; }
      } catch (err) {
        toast(t("error.offline"), true);
        $("toast").dataset.offline = "1";
        await sleep(2000);
      }
    }
  }

  // ---- wiring ----

  $("composer").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const box = $("text");
    const text = box.value;
    if (!text.trim()) return;
    box.value = "";
    grow();
    if (!(await sendText(text))) box.value = text;
  });
  const grow = () => {
    const box = $("text");
    box.style.height = "auto";
    box.style.height = Math.min(box.scrollHeight, 144) + "px";
  };
  $("text").addEventListener("input", grow);
  // Enter sends, Shift+Enter starts a new line. The line break an Enter
  // would insert is refused too: keyboards that deliver it apart from the
  // keydown (some virtual ones, and the DevTools protocol) would
  // otherwise leave it in the emptied box.
  let enterSent = 0;
  $("text").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      enterSent = Date.now();
      $("composer").requestSubmit();
    }
    if (ev.key === "Escape" && state.replyTo) cancelReply();
  });
  $("text").addEventListener("beforeinput", (ev) => {
    if ((ev.inputType === "insertLineBreak" || ev.inputType === "insertParagraph") && Date.now() - enterSent < 1000) {
      ev.preventDefault();
      enterSent = 0;
    }
  });
  $("reply-cancel").addEventListener("click", cancelReply);
  $("back").addEventListener("click", () => { $("app").dataset.view = "list"; });
  $("staff-select").addEventListener("change", (ev) => {
    state.as = ev.target.value;
    renderMessages(false);
    renderList();
  });
  $("attach").addEventListener("click", openPhoto);
  $("locate").addEventListener("click", openLocation);
  $("photo-form").addEventListener("submit", sendPhoto);
  $("photo-cancel").addEventListener("click", () => $("photo-dialog").close());
  $("photo-file").addEventListener("change", () => {
    const file = $("photo-file").files[0];
    const img = $("photo-preview");
    if (previewURL) URL.revokeObjectURL(previewURL);
    previewURL = null;
    img.hidden = !file;
    if (!file) return;
    for (const r of document.querySelectorAll('#photo-form input[name="sample"]')) r.checked = false;
    previewURL = URL.createObjectURL(file);
    img.src = previewURL;
  });
  for (const r of document.querySelectorAll('#photo-form input[name="sample"]')) {
    r.addEventListener("change", () => { $("photo-file").value = ""; $("photo-preview").hidden = true; });
  }
  $("location-map").addEventListener("click", clickMap);
  $("lat").addEventListener("input", placePick);
  $("lon").addEventListener("input", placePick);
  $("location-form").addEventListener("submit", submitLocation);
  $("location-cancel").addEventListener("click", () => $("location-dialog").close());
  for (const b of document.querySelectorAll("#presets .preset")) {
    b.addEventListener("click", () => sendLocation({ preset: b.dataset.preset }));
  }

  loadChats().then(poll, (err) => { toast(errorText(err), true); setTimeout(() => location.reload(), 3000); });
})();
